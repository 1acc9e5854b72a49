import * as live from './live';

// Server-Sent Events for a workshop room: the current room at once, then again after every change. Each message
// is the whole room, so a client that reconnects (after a dropped connection or a sleeping phone) is current
// with its first message, whatever it missed.
//
// A stream lasts only as long as whoever holds it may see the room: before each message and on each heartbeat it
// asks again (a signed-out session, a removed or forgotten participant end it), and after the message that says
// the workshop ended it closes.

const heartbeatMs = 20_000;
/** Open streams one holder (a staff session, a participant) may keep in this process; a new one ends the oldest. */
export const streamsPerHolder = 3;

/** What one stream shows, to whom, and how to ask whether it may go on. */
export interface RoomFeed<Room extends { version: number; ended: boolean }> {
	workshopId: string;
	/** Who holds the stream, e.g. `session:<id>` or `participant:<id>`. */
	holder: string;
	/** Whether the holder may still see the room; asked when the stream opens and on each heartbeat. */
	mayFollow(): Promise<boolean>;
	/**
	 * The same question before each message, which follows a change: may be answered from what every stream of the
	 * room shares since that change (see `sharedView`) instead of a query per stream. Without it, `mayFollow`.
	 */
	mayReceive?(): Promise<boolean>;
	/** The room as this stream shows it. */
	snapshot(): Promise<Room>;
	/** Staff streams: ask `mayFollow` again whenever some session ends, in any process. */
	followsSessions?: boolean;
}

/** How to end each open stream. */
const openStreams = new Set<() => void>();
/** Each holder's open streams, oldest first. */
const streamsOfHolder = new Map<string, (() => void)[]>();
let serverStopping = false;

/**
 * Changes heard during a round of messages, or within this long after it (or twice as long as the round took, if
 * more), are folded into one round at its end: a room answering a question announces each answer, and 1,000
 * answers would otherwise be 1,000 rounds of 1,000 messages, leaving the process no time to take the answers
 * (on PGlite, whose one connection runs on this thread, rounds back to back took 200 s of a 1,000-answer burst).
 * The first change after a quiet spell (a facilitator's move) goes out at once.
 */
export const coalesceMs = 200;

interface FollowedRoom {
	streams: Set<() => Promise<void>>;
	/** Changes heard so far: a shared view is current while this has not moved since it was computed. */
	changes: number;
	views: Map<string, { changes: number; view: Promise<unknown> }>;
	/** When the next round may start at the earliest; a round under way: `sending`. */
	nextRound: number;
	sending: boolean;
	/** A change heard that no round has sent yet. */
	pending: boolean;
	timer: ReturnType<typeof setTimeout> | undefined;
	unsubscribe: () => void;
}

/**
 * The rooms with open streams in this process: how many changes each has heard, the views computed since the last
 * one (which every stream showing the same view shares instead of reading the room again), and the streams to tell.
 */
const rooms = new Map<string, FollowedRoom>();

async function sendRound(room: FollowedRoom) {
	room.timer = undefined;
	room.pending = false;
	room.sending = true;
	// Views of an older change are of no more use (a roster of a question closed since, say).
	for (const [key, entry] of room.views) if (entry.changes !== room.changes) room.views.delete(key);
	const started = performance.now();
	await Promise.all([...room.streams].map((send) => send()));
	room.sending = false;
	const ended = performance.now();
	room.nextRound = ended + Math.max(coalesceMs, 2 * (ended - started));
	if (room.pending && room.streams.size > 0) scheduleRound(room);
}

function scheduleRound(room: FollowedRoom) {
	room.pending = true;
	if (room.sending || room.timer) return;
	const wait = room.nextRound - performance.now();
	if (wait <= 0) void sendRound(room);
	else room.timer = setTimeout(() => void sendRound(room), wait);
}

/** Adds a stream to its room: `send` is called after each change (or round of changes) heard. */
function followRoom(workshopId: string, send: () => Promise<void>) {
	let room = rooms.get(workshopId);
	if (!room) {
		const created: FollowedRoom = {
			streams: new Set(),
			changes: 0,
			views: new Map(),
			nextRound: -Infinity,
			sending: false,
			pending: false,
			timer: undefined,
			unsubscribe: () => {}
		};
		created.unsubscribe = live.onChange(workshopId, () => {
			created.changes++;
			scheduleRound(created);
		});
		rooms.set(workshopId, created);
		room = created;
	}
	const followed = room;
	followed.streams.add(send);
	return () => {
		followed.streams.delete(send);
		if (followed.streams.size === 0) {
			followed.unsubscribe();
			clearTimeout(followed.timer);
			rooms.delete(workshopId);
		}
	};
}

/**
 * A view of a room that every stream here showing it shares: computed once after each change heard, not once per
 * stream. Every change is announced after it is written, so a view computed since the last change heard is
 * current. Without an open stream on the room, simply computed.
 */
export function sharedView<View>(workshopId: string, key: string, compute: () => Promise<View>): Promise<View> {
	const room = rooms.get(workshopId);
	if (!room) return compute();
	const cached = room.views.get(key);
	if (cached && cached.changes === room.changes) return cached.view as Promise<View>;
	const entry = { changes: room.changes, view: compute() as Promise<unknown> };
	room.views.set(key, entry);
	// A failed read is not kept: the next message reads again.
	entry.view.catch(() => room.views.get(key) === entry && room.views.delete(key));
	return entry.view as Promise<View>;
}

/**
 * Ends every open stream, and each new one after its first message: the server is stopping, and a stream never
 * ends by itself, so it would hold the process until the shutdown timeout. Phones reconnect (EventSource does),
 * to another process or to this one restarted.
 */
export function endAllRoomStreams(): void {
	serverStopping = true;
	for (const stop of openStreams) stop();
}

/**
 * The room's event stream for one holder, or 204 No Content when they may not follow it (EventSource then stops
 * reconnecting, and the page reloads its data).
 */
export async function roomStream<Room extends { version: number; ended: boolean }>(feed: RoomFeed<Room>, signal: AbortSignal): Promise<Response> {
	if (!(await feed.mayFollow())) return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
	const encoder = new TextEncoder();
	let release = () => {};
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			let sending = false;
			let again = false;
			let lastMessage = '';
			let closed = false;
			// Changes that arrive while a message is being built fold into one more message.
			const send = async () => {
				if (closed) return;
				if (sending) {
					again = true;
					return;
				}
				sending = true;
				try {
					do {
						again = false;
						if (!(await (feed.mayReceive ?? feed.mayFollow)())) return end();
						const room = await feed.snapshot();
						if (closed) return;
						const message = `id: ${room.version}\ndata: ${JSON.stringify(room)}\n\n`;
						// A round can follow a change this stream's last message already showed (it opened meanwhile).
						if (message !== lastMessage) controller.enqueue(encoder.encode(message));
						lastMessage = message;
						// The workshop's last word: nothing follows an ended room.
						if (room.ended) return end();
					} while (again && !closed);
				} catch {
					// The next change will try again; a broken stream is closed by the abort below.
				} finally {
					sending = false;
				}
			};
			// A holder who may no longer follow gets no more messages, and the stream ends.
			const recheck = async () => {
				try {
					if (!closed && !(await feed.mayFollow())) end();
				} catch {
					// The database is unreachable: the next heartbeat asks again.
				}
			};
			const stopFollowing = followRoom(feed.workshopId, send);
			const unsubscribeSessions = feed.followsSessions ? live.onSessionsEnded(() => void recheck()) : () => {};
			const heartbeat = setInterval(() => {
				if (closed) return;
				controller.enqueue(encoder.encode(': keep-alive\n\n'));
				void recheck();
			}, heartbeatMs);
			// Whoever comes first of the reader's cancel (a phone gone), the request's abort, a newer stream of the
			// same holder, the holder losing the room, and the server stopping.
			release = () => {
				if (closed) return;
				closed = true;
				openStreams.delete(end);
				const siblings = streamsOfHolder.get(feed.holder);
				const index = siblings?.indexOf(end) ?? -1;
				if (index >= 0) siblings!.splice(index, 1);
				if (siblings?.length === 0) streamsOfHolder.delete(feed.holder);
				unsubscribeSessions();
				stopFollowing();
				clearInterval(heartbeat);
			};
			const end = () => {
				if (closed) return;
				release();
				// A stream its reader cancelled meanwhile is closed already, and closing it again throws: in an event
				// listener or a cancel that nothing awaits, that would end the whole process.
				try {
					controller.close();
				} catch {
					// Already closed.
				}
			};
			signal.addEventListener('abort', end, { once: true });
			controller.enqueue(encoder.encode('retry: 2000\n\n'));
			openStreams.add(end);
			const siblings = streamsOfHolder.get(feed.holder) ?? [];
			siblings.push(end);
			streamsOfHolder.set(feed.holder, siblings);
			// One holder with many streams would make every change cost that many messages: the oldest goes.
			while (siblings.length > streamsPerHolder) siblings[0]();
			const first = send();
			if (serverStopping) void first.finally(end);
		},
		// The reader is gone: nothing is left to close.
		cancel: () => release()
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream',
			'cache-control': 'no-store',
			'x-accel-buffering': 'no'
		}
	});
}
