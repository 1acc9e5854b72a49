// `npm start`: builds the app when the build is missing or older than its sources, then serves it.
import path from 'node:path';
import { build, builtEntryPath } from './build-if-stale.js';

build();

process.env.PORT ??= '3000';
// adapter-node assumes https when it cannot tell; behind a TLS proxy, set ORIGIN to the public address instead.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
console.log(`Deportation 101 on ${process.env.ORIGIN}`);
await import(path.resolve(builtEntryPath));
