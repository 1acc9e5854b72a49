// `npm run bench:process [-- --quick]`: what one app process costs. For the embedded database (a fresh data folder,
// then the same folder reopened) and for PostgreSQL (when TEST_DATABASE_URL is set): the time from starting
// `node build` to its first answered page, resident memory once idle, and the most resident memory while a lesson
// is served at 50 connections. The reference is a bare node:http process: Node's own start and memory. Needs
// `npm run build`.
import fs from 'node:fs';
import { createServerDatabase } from '../tests/helpers/test-databases';
import { freshDataDir, startServer, type RunningServer } from '../tests/helpers/server';
import { firstAnswer, residentMb, startBareServer } from './bare-server';
import { hammer, median } from './load';
import { formatTable, isMain, type BenchOptions, type Figure } from './report';

const lesson = '/en/learn/two-systems/why-deportation-101';

interface ProcessCost {
	startMs: number;
	idleMb: number;
	loadedMb: number;
}

async function measure(env: Record<string, string>, loadSeconds: number, settleMs = 1000): Promise<ProcessCost> {
	const started = performance.now();
	const server: RunningServer = await startServer({ env: { LOG_LEVEL: 'warn', ...env } });
	try {
		const startMs = await firstAnswer(`${server.url}${lesson}`, started);
		await new Promise((resolve) => setTimeout(resolve, settleMs));
		const idleMb = residentMb(server.child.pid!);
		let loadedMb = idleMb;
		const sampler = setInterval(() => (loadedMb = Math.max(loadedMb, residentMb(server.child.pid!))), 100);
		try {
			await hammer(`${server.url}${lesson}`, { connections: 50, seconds: loadSeconds });
		} finally {
			clearInterval(sampler);
		}
		return { startMs, idleMb, loadedMb };
	} finally {
		server.child.kill('SIGTERM');
		await server.exited;
	}
}

export async function run({ quick }: BenchOptions): Promise<Figure[]> {
	if (!fs.existsSync('build/index.js')) throw new Error('process cost: no production build; run `npm run build` first');
	const rounds = quick ? 1 : 3;
	const loadSeconds = quick ? 1 : 5;

	const bareStarts: number[] = [];
	const bareMemory: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const bare = await startBareServer(new TextEncoder().encode('<!doctype html><title>bare</title>'));
		bareStarts.push(bare.startMs);
		await new Promise((resolve) => setTimeout(resolve, 1000));
		bareMemory.push(residentMb(bare.child.pid!));
		await bare.stop();
	}
	const bareStart = { name: 'bare node:http start', value: median(bareStarts) };
	const bareRss = { name: 'bare node:http RSS MB', value: median(bareMemory) };

	const kinds: { name: string; env: () => Promise<{ env: Record<string, string>; done?: () => Promise<void> }> }[] = [];
	// A new folder each round for a first start; one folder made beforehand and reopened for the rest.
	kinds.push({ name: 'PGlite, new data folder', env: async () => ({ env: { DATA_DIR: freshDataDir() } }) });
	const reopened = freshDataDir();
	await measure({ DATA_DIR: reopened }, 0.2, 0);
	kinds.push({ name: 'PGlite, existing data folder', env: async () => ({ env: { DATA_DIR: reopened } }) });
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (serverUrl) {
		kinds.push({
			name: 'PostgreSQL',
			env: async () => {
				const database = await createServerDatabase(serverUrl);
				return { env: { DATABASE_URL: database.url }, done: database.drop };
			}
		});
	}

	const figures: Figure[] = [];
	for (const kind of kinds) {
		const costs: ProcessCost[] = [];
		for (let round = 0; round < rounds; round++) {
			const { env, done } = await kind.env();
			try {
				costs.push(await measure(env, loadSeconds, quick ? 500 : 1000));
			} finally {
				await done?.();
			}
		}
		const of = (pick: (cost: ProcessCost) => number) => median(costs.map(pick));
		figures.push(
			{ bench: 'process', figure: `${kind.name}: start to first page, ms`, value: of((c) => c.startMs), reference: bareStart },
			{ bench: 'process', figure: `${kind.name}: RSS idle, MB`, value: of((c) => c.idleMb), reference: bareRss },
			{ bench: 'process', figure: `${kind.name}: RSS serving lessons, MB`, value: of((c) => c.loadedMb), reference: bareRss }
		);
	}
	if (!serverUrl) figures.push({ bench: 'process', figure: 'PostgreSQL', value: 0, skipped: 'not run: TEST_DATABASE_URL is unset' });
	return figures;
}

if (isMain(import.meta.url)) console.log(formatTable(await run({ quick: process.argv.includes('--quick') })));
