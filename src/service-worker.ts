/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

// Keeps the app shell and every lesson page a reader has opened, so that lessons read offline on a weak
// connection. Pages are network-first: a reader online always gets the current text. Staff pages, accounts and
// anything personal beyond the lesson pages are never stored.

const sw = self as unknown as ServiceWorkerGlobalScope;
const shellCache = `shell-${version}`;
const pageCache = 'pages';
const shell = [...build, ...files];

/** Pages worth keeping offline: the course overview, lessons, the glossary and resources, in either language. */
function isReadingPage(url: URL): boolean {
	return /^\/(en|es)(\/|$)(learn\/|glossary|resources|$)/.test(url.pathname) || /^\/(en|es)\/?__data\.json$/.test(url.pathname);
}

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(shellCache).then((cache) => cache.addAll(shell)).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key.startsWith('shell-') && key !== shellCache) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	if (event.request.method !== 'GET' || url.origin !== sw.location.origin) return;

	if (shell.includes(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((cached) => cached ?? fetch(event.request)));
		return;
	}
	if (!isReadingPage(url)) return;

	event.respondWith(
		(async () => {
			const cache = await caches.open(pageCache);
			try {
				const response = await fetch(event.request);
				if (response.ok) await cache.put(event.request, response.clone());
				return response;
			} catch (error) {
				const cached = await cache.match(event.request, { ignoreSearch: true });
				if (cached) return cached;
				throw error;
			}
		})()
	);
});
