// The protective headers, in plain JavaScript so that server.js can read them without a build. server.js puts them
// on every response before anything writes it (static files, redirects and error pages included); the hooks set
// them too, for the development server.

/** @type {Record<string, string>} */
export const securityHeaders = {
	'X-Content-Type-Options': 'nosniff',
	// No request, to this site or another, says which page it came from (a lesson's address says what a reader
	// is reading). Form posts then carry "Origin: null"; handleCrossOrigin reads Sec-Fetch-Site instead.
	'Referrer-Policy': 'no-referrer',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()'
};

/**
 * For responses SvelteKit does not render with its own policy (static files, and the plain error page it sends
 * when a handle refuses a request): scripts from this origin only, never inline. (It also governs the service
 * worker, which is one of those static files.)
 */
export const fallbackContentSecurityPolicy =
	"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export const strictTransportSecurity = 'max-age=31536000; includeSubDomains';
