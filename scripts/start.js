// `npm start`: builds the app when the build is missing or older than its sources, then serves it.
import path from 'node:path';
import { build } from './build-if-stale.js';

build();

process.env.PORT ??= '3000';
// adapter-node assumes https when it cannot tell; behind a TLS proxy, set ORIGIN to the public address instead.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
console.log(`Deportation 101 on ${process.env.ORIGIN}`);
// server.js: adapter-node's server with the protective headers on every response.
await import(path.resolve('server.js'));
