// `npm run bench:login [-- --quick]`: how the server answers everyone else while a burst of logins arrives. 300
// logins for unknown accounts from 300 addresses (each costs one argon2 verification, as a known account does) are
// sent at once; meanwhile /readyz is asked every 20 ms. The figure is the slowest /readyz answer during the burst,
// beside the slowest with no burst, in the same run. Password work waits its turn on all cores but one, so the
// server keeps answering. On the embedded database, and on PostgreSQL when TEST_DATABASE_URL is set; needs
// `npm run build`.
import fs from 'node:fs';
import { freshDataDir, startServer, waitUntilUp } from '../tests/helpers/server';
import { createServerDatabase, serverUrl } from '../tests/helpers/test-databases';
import { median } from './load';
import { formatTable, isMain, type BenchOptions, type Figure } from './report';

async function slowestReadyz(url: string, during: () => Promise<unknown>): Promise<number> {
	const times: number[] = [];
	let running = true;
	const probe = (async () => {
		while (running) {
			const started = performance.now();
			if ((await fetch(`${url}/readyz`)).status !== 200) throw new Error('/readyz did not answer 200');
			times.push(performance.now() - started);
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	})();
	try {
		await during();
	} finally {
		running = false;
		await probe;
	}
	return Math.max(...times);
}

function loginBurst(url: string, origin: string, size: number): Promise<number[]> {
	return Promise.all(
		Array.from({ length: size }, (_, index) =>
			fetch(`${url}/en/login`, {
				method: 'POST',
				headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `10.9.${index >> 8}.${index & 255}` },
				body: new URLSearchParams({ email: `nobody${index}@example.org`, password: 'not the password' }).toString(),
				redirect: 'manual'
			}).then((response) => response.status)
		)
	);
}

async function measure(env: Record<string, string>, rounds: number): Promise<{ idle: number; busy: number }> {
	const server = await startServer({ env: { LOG_LEVEL: 'warn', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1', ...env } });
	try {
		await waitUntilUp(server, 60_000);
		const idle: number[] = [];
		const busy: number[] = [];
		for (let round = 0; round < rounds; round++) {
			idle.push(await slowestReadyz(server.url, () => new Promise((resolve) => setTimeout(resolve, 2000))));
			busy.push(
				await slowestReadyz(server.url, async () => {
					const statuses = await loginBurst(server.url, server.origin, 300);
					// Each address tries once, so every login is checked, and refused.
					if (statuses.some((status) => status !== 400)) throw new Error(`login burst: unexpected statuses ${[...new Set(statuses)]}`);
				})
			);
		}
		return { idle: median(idle), busy: median(busy) };
	} finally {
		server.child.kill('SIGKILL');
		await server.exited;
	}
}

export async function run({ quick }: BenchOptions): Promise<Figure[]> {
	if (!fs.existsSync('build/index.js')) throw new Error('login burst: no production build; run `npm run build` first');
	const rounds = quick ? 1 : 3;
	const figure = (database: string, { idle, busy }: { idle: number; busy: number }): Figure => ({
		bench: 'login burst',
		figure: `${database}: slowest /readyz during 300 logins, ms`,
		value: busy,
		reference: { name: 'slowest /readyz, no burst, ms', value: idle }
	});
	const figures = [figure('PGlite', await measure({ DATA_DIR: freshDataDir() }, rounds))];
	if (!serverUrl) return [...figures, { bench: 'login burst', figure: 'PostgreSQL', value: 0, skipped: 'not run: TEST_DATABASE_URL is unset' }];
	const database = await createServerDatabase(serverUrl);
	try {
		figures.push(figure('PostgreSQL', await measure({ DATABASE_URL: database.url }, rounds)));
	} finally {
		await database.drop();
	}
	return figures;
}

if (isMain(import.meta.url)) console.log(formatTable(await run({ quick: process.argv.includes('--quick') })));
