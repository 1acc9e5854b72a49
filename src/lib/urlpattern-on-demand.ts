// Paraglide's runtime imports a URLPattern polyfill unconditionally: 9 KB of gzip on every first visit. Browsers
// that have URLPattern (Chromium since 2021, Firefox and Safari since 2025) now skip it; older ones, and Node 20 on
// the server, load it before the runtime runs. Wired in as an alias in vite.config.ts.
if (!('URLPattern' in globalThis)) await import('urlpattern-polyfill');

export {};
