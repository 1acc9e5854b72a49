import { describe, expect, it } from 'vitest';
import * as live from './live';
import { coalesceMs, roomStream, sharedView, streamsPerHolder, type RoomFeed } from './stream';

// Without a database channel, announcements stay in this process: enough to drive the streams here.

type Room = { version: number; ended: boolean };
let workshopCounter = 0;

function feed(overrides: Partial<RoomFeed<Room>> = {}): RoomFeed<Room> {
	return {
		workshopId: `w${++workshopCounter}`,
		holder: `participant:${workshopCounter}`,
		mayFollow: async () => true,
		snapshot: async () => ({ version: 1, ended: false }),
		...overrides
	};
}

/** Reads a stream in the background: the messages so far, and whether the server ended it. */
function read(response: Response) {
	const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
	const state = { text: '', ended: false, messages: () => state.text.split('\n\n').filter((part) => part.startsWith('id:')).length };
	void (async () => {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return void (state.ended = true);
			state.text += value;
		}
	})();
	return { state, cancel: () => reader.cancel() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a room stream', () => {
	it('is refused, with 204 No Content, to someone who may not follow the room', async () => {
		const response = await roomStream(feed({ mayFollow: async () => false }), new AbortController().signal);
		expect(response.status).toBe(204);
	});

	it('ends at the first change after its holder may no longer follow, sending nothing more', async () => {
		let allowed = true;
		const room = feed({ mayFollow: async () => allowed });
		const stream = read(await roomStream(room, new AbortController().signal));
		await settle();
		expect(stream.state.messages()).toBe(1);
		allowed = false;
		await live.announce(room.workshopId);
		await settle();
		expect(stream.state.ended).toBe(true);
		expect(stream.state.messages()).toBe(1);
	});

	it('of staff ends when some session ends and its own no longer holds', async () => {
		let allowed = true;
		const room = feed({ mayFollow: async () => allowed, followsSessions: true });
		const stream = read(await roomStream(room, new AbortController().signal));
		await settle();
		await live.announceSessionsEnded();
		await settle();
		expect(stream.state.ended).toBe(false);
		allowed = false;
		await live.announceSessionsEnded();
		await settle();
		expect(stream.state.ended).toBe(true);
	});

	it('closes after sending the room that says the workshop ended', async () => {
		let ended = false;
		const room = feed({ snapshot: async () => ({ version: ended ? 2 : 1, ended }) });
		const stream = read(await roomStream(room, new AbortController().signal));
		await settle();
		ended = true;
		await live.announce(room.workshopId);
		await settle();
		expect(stream.state.messages()).toBe(2);
		expect(stream.state.ended).toBe(true);
	});

	it(`keeps at most ${streamsPerHolder} open per holder, ending the oldest for a new one`, async () => {
		const first = feed();
		const streams = [];
		for (let index = 0; index <= streamsPerHolder; index++) streams.push(read(await roomStream({ ...first }, new AbortController().signal)));
		await settle();
		expect(streams.map((stream) => stream.state.ended)).toEqual([true, ...Array(streamsPerHolder).fill(false)]);
		// Another holder's streams are not counted with these.
		const other = read(await roomStream({ ...first, holder: 'participant:someone else' }, new AbortController().signal));
		await settle();
		expect(other.state.ended).toBe(false);
		expect(streams.filter((stream) => stream.state.ended)).toHaveLength(1);
		for (const stream of [...streams, other]) await stream.cancel();
	});

	it('folds the changes heard while a round of messages is sent into one round after it, the room then current', async () => {
		let version = 1;
		const room = feed({ snapshot: async () => (await new Promise((resolve) => setTimeout(resolve, 30)), { version, ended: false }) });
		const stream = read(await roomStream(room, new AbortController().signal));
		await new Promise((resolve) => setTimeout(resolve, 50));
		for (let change = 0; change < 10; change++) {
			version++;
			await live.announce(room.workshopId);
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		await new Promise((resolve) => setTimeout(resolve, coalesceMs + 200));
		expect(stream.state.messages()).toBeLessThanOrEqual(3);
		expect(stream.state.text).toContain(`"version":${version}`);
		await stream.cancel();
	});

	it('shares one view among the streams that show it: read once per change, not once per stream', async () => {
		let reads = 0;
		let version = 1;
		const workshopId = `w${++workshopCounter}`;
		const view = () => sharedView(workshopId, 'participant en', async () => (reads++, { version, ended: false }));
		const streams = [];
		for (let index = 0; index < 20; index++) {
			streams.push(read(await roomStream(feed({ workshopId, holder: `participant:p${index}`, snapshot: view }), new AbortController().signal)));
		}
		await settle();
		expect(reads).toBe(1);
		version = 2;
		await live.announce(workshopId);
		await settle();
		expect(reads).toBe(2);
		expect(streams.every((stream) => stream.state.text.includes('"version":2'))).toBe(true);
		for (const stream of streams) await stream.cancel();
	});
});
