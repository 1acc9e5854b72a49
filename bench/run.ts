// `npm run bench [-- --quick]`: every benchmark under bench/, against the production build on loopback, in one
// table: each figure beside the reference measured in the same run, and their ratio. The full run builds first
// and takes about ten minutes; --quick reuses a build that is up to date and runs each benchmark briefly (well
// under a minute once built). PostgreSQL figures need TEST_DATABASE_URL (the workshop room, the quiz answers and
// the process cost say so when it is unset). Every benchmark checks its own answers; a wrong one stops the run.
import os from 'node:os';
import { build } from '../scripts/build-if-stale.js';
import { formatTable, type BenchOptions, type Figure } from './report';

const quick = process.argv.includes('--quick');
build({ always: !quick });

const benchmarks: [string, () => Promise<{ run: (options: BenchOptions) => Promise<Figure[]> }>][] = [
	['serving', () => import('./serving')],
	['process cost', () => import('./process-cost')],
	['quiz answers', () => import('./quiz-submissions')],
	['login burst', () => import('./login-burst')],
	['workshop room', () => import('./workshop-room')],
	['statistics', () => import('./statistics')]
];

const started = performance.now();
const figures: Figure[] = [];
for (const [name, load] of benchmarks) {
	const began = performance.now();
	console.log(`bench: ${name}…`);
	figures.push(...(await (await load()).run({ quick })));
	console.log(`bench: ${name} done in ${((performance.now() - began) / 1000).toFixed(0)} s`);
}

const cpus = os.cpus();
console.log(
	`\nnpm run bench${quick ? ' -- --quick' : ''}: ${new Date().toISOString().slice(0, 10)}, ${cpus.length} × ${cpus[0]?.model.trim()}, ` +
		`${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${((performance.now() - started) / 1000).toFixed(0)} s\n`
);
console.log(formatTable(figures));
