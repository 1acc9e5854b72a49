// Imported by server.js before the build, which starts listening as it loads: every listening socket of the process
// gets an accept queue as long as the kernel allows (net.core.somaxconn) instead of Node's default of 511. A room
// of 1,000 phones answering one question opens about 1,000 connections at once; past 511 waiting to be accepted the
// kernel drops the rest, and each dropped phone waits a second, then three, then seven, before it tries again
// (measured by `npm run bench:room`: 1,000 answers took 17 s at 511, the bare reference 2 s).
import net from 'node:net';

export const listenBacklog = 4096;

const listen = net.Server.prototype.listen;
/**
 * @this {net.Server}
 * @param {any[]} args
 */
const listenWithBacklog = function (...args) {
	if (args[0] && typeof args[0] === 'object' && args[0].backlog === undefined) args[0] = { ...args[0], backlog: listenBacklog };
	return listen.apply(this, /** @type {any} */ (args));
};
net.Server.prototype.listen = /** @type {typeof listen} */ (listenWithBacklog);
