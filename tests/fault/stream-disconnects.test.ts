import net from 'node:net';
import { expect, test } from '@playwright/test';
import { joinOverHttp, workshopOverHttp } from '../helpers/room';
import { freshDataDir, killAll, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// Phones on a weak network drop their connection to the room at any moment: before the server has answered the
// event stream, while it is answering, or after. None of these may take the server down (a crash ends every room
// in the process). Each connection here is a raw socket, cut after a different delay.

const connections = 300;
let server: RunningServer | undefined;
test.afterEach(async () => {
	if (server) await killAll([server]);
});

/** Sends a GET for the path and destroys the socket after `cutAfterMs`, whatever has come back by then. */
function cutOff(target: RunningServer, path: string, cookie: string, cutAfterMs: number): Promise<void> {
	const { port } = new URL(target.url);
	return new Promise((resolve) => {
		const socket = net.connect(Number(port), '127.0.0.1', () => {
			socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncookie: ${cookie}\r\naccept: text/event-stream\r\n\r\n`);
			setTimeout(() => socket.destroy(), cutAfterMs);
		});
		socket.on('error', () => {});
		socket.on('close', () => resolve());
	});
}

test('event streams cut off before, during and after their answer leave the server up', async () => {
	server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn' } });
	await waitUntilUp(server);
	const { facilitator, workshopPath, code } = await workshopOverHttp(server, 'Weak network', ['why-deportation-101', 'status-basics']);
	const { workshopId, participant } = await joinOverHttp(server, code);
	const staffCookie = (await facilitator.context.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');

	const cuts = Array.from({ length: connections }, (_, index) =>
		index % 2 === 0
			? cutOff(server!, `/w/${workshopId}/events`, participant.cookie, index % 40)
			: cutOff(server!, `${workshopPath.replace(/^\/en/, '')}/events`, staffCookie, index % 40)
	);
	// The room changes meanwhile, so streams are also cut while a message is being sent.
	for (let step = 0; step < 6; step++) await facilitator.submit(`${workshopPath}?/${step % 2 ? 'previous' : 'next'}`, {});
	await Promise.all(cuts);
	await new Promise((resolve) => setTimeout(resolve, 500));

	expect(server.child.exitCode, server.output()).toBeNull();
	expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
	expect(server.output()).not.toMatch(/Invalid state|Unhandled|ERR_INVALID_STATE/);
	await facilitator.dispose();
});
