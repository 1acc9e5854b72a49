import * as live from './live';

// Server-Sent Events for a workshop room: the current room at once, then again after every change. Each message
// is the whole room, so a client that reconnects (after a dropped connection or a sleeping phone) is current
// with its first message, whatever it missed.

const heartbeatMs = 20_000;

/** How to end each open stream. */
const openStreams = new Set<() => void>();
let serverStopping = false;

/**
 * Ends every open stream, and each new one after its first message: the server is stopping, and a stream never
 * ends by itself, so it would hold the process until the shutdown timeout. Phones reconnect (EventSource does),
 * to another process or to this one restarted.
 */
export function endAllRoomStreams(): void {
	serverStopping = true;
	for (const stop of openStreams) stop();
}

export function roomStream(workshopId: string, snapshot: () => Promise<{ version: number }>, signal: AbortSignal): Response {
	const encoder = new TextEncoder();
	let release = () => {};
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			let sending = false;
			let again = false;
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
						const room = await snapshot();
						if (!closed) controller.enqueue(encoder.encode(`id: ${room.version}\ndata: ${JSON.stringify(room)}\n\n`));
					} while (again && !closed);
				} catch {
					// The next change will try again; a broken stream is closed by the abort below.
				} finally {
					sending = false;
				}
			};
			const unsubscribe = live.onChange(workshopId, () => void send());
			const heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(': keep-alive\n\n')), heartbeatMs);
			// Whoever comes first of the reader's cancel (a phone gone), the request's abort and the server stopping.
			release = () => {
				if (closed) return;
				closed = true;
				openStreams.delete(end);
				unsubscribe();
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
