import * as live from './live';

// Server-Sent Events for a workshop room: the current room at once, then again after every change. Each message
// is the whole room, so a client that reconnects (after a dropped connection or a sleeping phone) is current
// with its first message, whatever it missed.

const heartbeatMs = 20_000;

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
	let stop = () => {};
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
			stop = () => {
				if (closed) return;
				closed = true;
				openStreams.delete(stop);
				unsubscribe();
				clearInterval(heartbeat);
				controller.close();
			};
			signal.addEventListener('abort', stop, { once: true });
			controller.enqueue(encoder.encode('retry: 2000\n\n'));
			openStreams.add(stop);
			const first = send();
			if (serverStopping) void first.finally(stop);
		},
		cancel: () => stop()
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/event-stream',
			'cache-control': 'no-store',
			'x-accel-buffering': 'no'
		}
	});
}
