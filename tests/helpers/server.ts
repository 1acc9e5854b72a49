import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
	/** Where the tests reach it. */
	url: string;
	/** The origin it believes it serves (ORIGIN), which browsers would send. */
	origin: string;
	child: ChildProcess;
	/** Everything the process has written to stdout and stderr so far. */
	output(): string;
	/** Resolves with the exit code once the process has exited. */
	exited: Promise<number | null>;
}

/** The production server: the build, behind server.js (the protective headers on every response). */
export const buildEntry = path.resolve('server.js');

const dataDirsMade: string[] = [];
// Each holds a database of some 40 MB: gone when the test process ends, so that runs do not fill the disk.
process.once('exit', () => {
	for (const dataDir of dataDirsMade) fs.rmSync(dataDir, { recursive: true, force: true });
});

export function freshDataDir(): string {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'd101-server-'));
	dataDirsMade.push(dataDir);
	return dataDir;
}

/** Runs `work` with a fresh embedded data folder (as the server's environment), then removes the folder. */
export async function withFreshDataDir(work: (env: { DATA_DIR: string }) => Promise<void>): Promise<void> {
	const dataDir = freshDataDir();
	try {
		await work({ DATA_DIR: dataDir });
	} finally {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

/**
 * A loopback port free right now, drawn below the kernel's ephemeral range (32768 and up): there, no client
 * socket of the suite's (fetch, Chromium, a load burst) can be holding it when the server binds it.
 */
export async function freePort(): Promise<number> {
	for (;;) {
		const port = 20_000 + Math.floor(Math.random() * 12_000);
		const server = net.createServer();
		const bound = await new Promise<boolean>((resolve) => {
			server.once('error', () => resolve(false));
			server.listen(port, '127.0.0.1', () => resolve(true));
		});
		if (bound) {
			await new Promise((resolve) => server.close(resolve));
			return port;
		}
	}
}

/** Starts the production server (`node server.js`) as its own process, on a free loopback port. */
export async function startServer(options: { env?: Record<string, string>; cwd?: string } = {}): Promise<RunningServer> {
	const port = options.env?.PORT ?? String(await freePort());
	const origin = options.env?.ORIGIN ?? `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [buildEntry], {
		cwd: options.cwd ?? process.cwd(),
		env: {
			...process.env,
			PORT: port,
			HOST: '127.0.0.1',
			ORIGIN: origin,
			LOG_LEVEL: 'info',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk) => (output += chunk));
	child.stderr!.on('data', (chunk) => (output += chunk));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	// A server that dies on its own says why, in the test's output: the test itself sees only refused connections.
	child.on('exit', (code, signal) => {
		if (signal !== 'SIGKILL' && signal !== 'SIGTERM' && code !== 0) console.error(`The server on ${port} exited (${code ?? signal}):\n${output}`);
	});
	return { url: `http://127.0.0.1:${port}`, origin, child, output: () => output, exited };
}

/** Kills the servers outright and resolves once every one has exited, so that their folders can be removed. */
export async function killAll(servers: RunningServer[]): Promise<void> {
	for (const server of servers) server.child.kill('SIGKILL');
	await Promise.all(servers.map((server) => server.exited));
}

/** Starts servers on one environment as often as asked (a restart after a kill), each remembered for `killAll`. */
export function serverOn(env: Record<string, string>) {
	const servers: RunningServer[] = [];
	return {
		servers,
		async start(): Promise<RunningServer> {
			const server = await startServer({ env: { LOG_LEVEL: 'warn', ...env } });
			servers.push(server);
			await waitUntilUp(server, 60_000);
			return server;
		}
	};
}

/**
 * Waits until this process says it listens, and then until it answers /readyz (its database answers), or throws
 * with its output if it exits or takes too long. Answers alone are not enough: another process on the port answers too.
 */
export async function waitUntilUp(server: RunningServer, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let exitCode: number | null | undefined;
	void server.exited.then((code) => (exitCode = code));
	while (Date.now() < deadline) {
		if (exitCode !== undefined) throw new Error(`The server exited (${exitCode}):\n${server.output()}`);
		if (server.output().includes('Listening on')) {
			try {
				if ((await fetch(`${server.url}/readyz`)).ok) return;
			} catch {
				// Listening, but not accepting yet.
			}
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`The server was not ready in ${timeoutMs} ms:\n${server.output()}`);
}
