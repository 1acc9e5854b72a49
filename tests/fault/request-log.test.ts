import { expect, test } from '@playwright/test';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// The request log says what each client got: a refusal thrown by a hook (a cross-site 403, a guard's redirect) is
// not a 500, and an address that names nothing is a 404 at info level, with no stack, not an error.

let server: RunningServer | undefined;
test.afterAll(async () => {
	server?.child.kill('SIGKILL');
	await server?.exited;
});

interface LogLine {
	level: number;
	msg?: string;
	method?: string;
	route?: string;
	status?: number;
	error?: unknown;
}

/** Sends one request and returns its status with the log lines written while it was answered. */
async function requestAndLog(path: string, init: RequestInit = {}): Promise<{ status: number; lines: LogLine[] }> {
	const before = server!.output().length;
	const response = await fetch(`${server!.url}${path}`, { redirect: 'manual', ...init });
	await response.arrayBuffer();
	await expect.poll(() => server!.output().slice(before)).toContain('"method"');
	const lines = server!
		.output()
		.slice(before)
		.split('\n')
		.filter((line) => line.startsWith('{'))
		.map((line) => JSON.parse(line) as LogLine);
	return { status: response.status, lines };
}

test('each request is logged with the status its client got, and a visitor’s bad address is no error', async () => {
	server = await startServer({ env: { DATA_DIR: freshDataDir() } });
	await waitUntilUp(server);
	// The line of the readiness probe that waitUntilUp made may be written after its answer: let it come first.
	await expect.poll(() => server!.output()).toContain('"route":"/(public)/readyz"');

	const cases: { what: string; path: string; init?: RequestInit; status: number }[] = [
		{ what: 'a cross-site post', path: '/en/login', init: { method: 'POST', headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a' }, status: 403 },
		{ what: 'a guard’s redirect to log in', path: '/en/account', status: 303 },
		{ what: 'an address that names nothing', path: '/en/no-such-page', status: 404 },
		{ what: 'a NUL in an id', path: '/en/w/ab%00cd', status: 404 },
		{ what: 'a path that is not UTF-8', path: '/en/setup/%ED%A0%80', status: 400 }
	];
	for (const { what, path, init, status } of cases) {
		const answer = await requestAndLog(path, init);
		expect(answer.status, what).toBe(status);
		const requestLines = answer.lines.filter((line) => line.method);
		expect(requestLines, what).toHaveLength(1);
		expect(requestLines[0].status, what).toBe(status);
		expect(requestLines[0].level, what).toBe(30);
		for (const line of answer.lines) {
			expect(line.level, `${what}: ${JSON.stringify(line)}`).toBeLessThan(50);
			expect(line.error, `${what}: ${JSON.stringify(line)}`).toBeUndefined();
		}
	}
});
