// The production server: adapter-node's own (build/index.js: listening, timeouts, graceful shutdown), with the
// protective headers set on every response before anything else writes it, so that static files, redirects and
// the error pages SvelteKit sends when a handle refuses a request carry them too. Headers a response sets itself
// (SvelteKit's own CSP, a static asset's Cache-Control) take their place.
// First: the build listens as it loads.
import './src/lib/server/http/listen-backlog.js';
import { server } from './build/index.js';
import {
	fallbackContentSecurityPolicy,
	securityHeaders,
	strictTransportSecurity
} from './src/lib/server/http/security-headers.js';

const secure = process.env.ORIGIN?.startsWith('https://') ?? false;

// build/index.js has just started listening; no request can be read before this module's body has run.
server.server.prependListener('request', (request, response) => {
	for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
	response.setHeader('Content-Security-Policy', fallbackContentSecurityPolicy);
	response.setHeader('Cache-Control', 'no-store');
	if (secure) response.setHeader('Strict-Transport-Security', strictTransportSecurity);
	// A 304's headers replace the stored response's: the page kept by the browser must keep its own policy (and
	// its nonce), not take the fallback.
	const writeHead = response.writeHead;
	response.writeHead = function (status, ...rest) {
		if (status === 304) this.removeHeader('Content-Security-Policy');
		return writeHead.call(this, status, ...rest);
	};
	// SvelteKit 2.70 leaves a body that nothing read (an action that ignores it, a guard's redirect, a 405) paused in
	// the socket, which stalls a kept-alive connection until it is reset (sveltejs/kit#14916 and #15526, fixed upstream
	// by #16170): once the answer is sent, discard the rest of the body.
	response.once('finish', () => {
		if (request.complete) return;
		request.removeAllListeners('data');
		request.resume();
	});
});

// On SIGTERM or SIGINT, adapter-node closes the listening socket at once, and the kernel then resets every
// connection still waiting in its accept queue: clients that connected and sent their request before the signal.
// Under load that queue is long, because libuv accepts one connection per turn of the event loop
// (libuv/libuv#3696) and a busy turn takes tens of milliseconds. So the close waits until two turns in a row have
// accepted nothing, which also gives the last ones accepted a turn to have their request read; adapter-node's
// graceful shutdown then waits for those requests like any other. Bounded, in case clients never stop coming.
const acceptQueueDrainLimitMs = 5_000;
let accepted = 0;
server.server.on('connection', () => accepted++);
const closeListener = server.server.close.bind(server.server);
server.server.close = function (callback) {
	const giveUpAt = Date.now() + acceptQueueDrainLimitMs;
	let acceptedBefore = -1;
	let quietTurns = 0;
	const turn = () => {
		quietTurns = accepted === acceptedBefore ? quietTurns + 1 : 0;
		acceptedBefore = accepted;
		if (quietTurns >= 2 || Date.now() >= giveUpAt) closeListener(callback);
		else setImmediate(turn);
	};
	setImmediate(turn);
	return this;
};
