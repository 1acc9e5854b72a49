import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/helpers/server';

// The reference for serving: a bare node:http server in its own process sending fixed bytes from memory, the
// most a Node process can answer on this machine. Started exactly as the app is (a process of its own on
// loopback), so the ratio compares like with like.

const script = `
const http = require('node:http');
const body = require('node:fs').readFileSync(process.env.BODY_FILE);
http.createServer((request, response) => {
	response.writeHead(200, { 'content-type': process.env.CONTENT_TYPE, 'content-length': body.length });
	response.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
`;

export interface BareServer {
	url: string;
	child: ChildProcess;
	/** Milliseconds from spawning the process to its first answered request. */
	startMs: number;
	stop(): Promise<void>;
}

export async function startBareServer(body: Uint8Array, contentType = 'text/html'): Promise<BareServer> {
	const bodyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'd101-bare-')), 'body');
	fs.writeFileSync(bodyFile, body);
	const port = await freePort();
	const started = performance.now();
	const child = spawn(process.execPath, ['-e', script], {
		env: { ...process.env, BODY_FILE: bodyFile, CONTENT_TYPE: contentType, PORT: String(port) },
		stdio: 'ignore'
	});
	const url = `http://127.0.0.1:${port}/`;
	const startMs = await firstAnswer(url, started);
	return {
		url,
		child,
		startMs,
		stop: async () => {
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
		}
	};
}

/** Polls `url` until it answers 200; returns the milliseconds since `since`. */
export async function firstAnswer(url: string, since: number, timeoutMs = 60_000): Promise<number> {
	for (;;) {
		const answered = await fetch(url).then((response) => response.status === 200, () => false);
		if (answered) return performance.now() - since;
		if (performance.now() - since > timeoutMs) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Resident memory of a process in MB (Linux). */
export function residentMb(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}
