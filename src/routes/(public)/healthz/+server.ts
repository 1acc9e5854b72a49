import type { RequestHandler } from './$types';

/** Liveness: the process is up and answering. */
export const GET: RequestHandler = () => new Response('ok', { headers: { 'cache-control': 'no-store' } });
