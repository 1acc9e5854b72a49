// `npm run bench:serving [-- --quick]`: pages per second and p50/p99 latency at 50 connections from the production
// server (adapter-node, embedded database), each beside a bare node:http server sending the same bytes from memory
// in the same run: the ratio says how close a page comes to the limit of a Node process here. Pages: the home page,
// a lesson with its quiz as a first-time visitor, and the same lesson as a returning learner (a cookie, so the
// server reads their progress). Every response must be a 200 and the page must hold its lesson. Median of 3 rounds
// (1 with --quick). Needs `npm run build`.
import fs from 'node:fs';
import { freshDataDir, startServer, waitUntilUp } from '../tests/helpers/server';
import { startBareServer } from './bare-server';
import { hammer, median, type HammerResult } from './load';
import { formatTable, isMain, type BenchOptions, type Figure } from './report';

const lesson = '/en/learn/two-systems/why-deportation-101';

export async function run({ quick }: BenchOptions): Promise<Figure[]> {
	if (!fs.existsSync('build/index.js')) throw new Error('serving: no production build; run `npm run build` first');
	const seconds = quick ? 1 : 10;
	const rounds = quick ? 1 : 3;
	const server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn' } });
	try {
		await waitUntilUp(server);
		// A returning learner: reading the lesson makes them one, and their cookie comes back with every request.
		const read = await fetch(`${server.url}${lesson}?/read`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		const cookie = read.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
		if (!cookie) throw new Error('serving: reading a lesson gave no learner cookie');

		const pages: { name: string; path: string; headers: Record<string, string>; mustHold: string }[] = [
			{ name: 'home page', path: '/en', headers: {}, mustHold: '<h1' },
			{ name: 'lesson + quiz, first visit', path: lesson, headers: {}, mustHold: 'name="submissionKey"' },
			{ name: 'lesson + quiz, returning learner', path: lesson, headers: { cookie }, mustHold: 'name="submissionKey"' }
		];
		const figures: Figure[] = [];
		for (const page of pages) {
			const sample = await fetch(`${server.url}${page.path}`, { headers: page.headers });
			const body = new Uint8Array(await sample.arrayBuffer());
			if (sample.status !== 200 || !new TextDecoder().decode(body).includes(page.mustHold)) {
				throw new Error(`serving: ${page.path} did not answer 200 with its content`);
			}
			const bare = await startBareServer(body);
			const app: HammerResult[] = [];
			const reference: HammerResult[] = [];
			try {
				for (let round = 0; round < rounds; round++) {
					app.push(await hammer(`${server.url}${page.path}`, { connections: 50, seconds, headers: page.headers }));
					reference.push(await hammer(bare.url, { connections: 50, seconds }));
				}
			} finally {
				await bare.stop();
			}
			const of = (results: HammerResult[], pick: (result: HammerResult) => number) => median(results.map(pick));
			const referenceName = `bare node:http, same ${Math.round(body.length / 1024)} KB`;
			figures.push(
				{
					bench: 'serving',
					figure: `${page.name}, req/s`,
					value: of(app, (r) => r.perSecond),
					reference: { name: referenceName, value: of(reference, (r) => r.perSecond) }
				},
				{
					bench: 'serving',
					figure: `${page.name}, p50 ms`,
					value: of(app, (r) => r.p50),
					reference: { name: referenceName, value: of(reference, (r) => r.p50) }
				},
				{
					bench: 'serving',
					figure: `${page.name}, p99 ms`,
					value: of(app, (r) => r.p99),
					reference: { name: referenceName, value: of(reference, (r) => r.p99) }
				}
			);
		}
		return figures;
	} finally {
		server.child.kill('SIGTERM');
		await server.exited;
	}
}

if (isMain(import.meta.url)) console.log(formatTable(await run({ quick: process.argv.includes('--quick') })));
