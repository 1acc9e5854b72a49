// Where to go after signing in or saving a preference: a page of this site, asked for by a query or a form field
// an attacker can write (a link sent to someone, `/login?next=…`).

/** A path of its own that a browser cannot read as another host: one slash, then neither a slash nor a backslash. */
const pathOfThisSite = /^\/(?![/\\])/;

/**
 * The page `next` asks for, as the normalised path, query and fragment of its URL on this site (`here`'s origin),
 * or `fallback` when it asks for another site or is no path at all. Browsers drop tabs and line breaks anywhere in
 * a URL (`/\t/evil.example` is `//evil.example` to them), so the check is made on what a browser would read, and the
 * answer is the parsed URL's own serialisation, percent-encoded ASCII, never the raw string.
 */
export function safeNext(next: string | null | undefined, here: URL, fallback: string): string {
	if (!next) return fallback;
	const asBrowsersRead = next.replace(/[\t\n\r]/g, '');
	if (!pathOfThisSite.test(asBrowsersRead)) return fallback;
	let target: URL;
	try {
		target = new URL(asBrowsersRead, here.origin);
	} catch {
		return fallback;
	}
	if (target.origin !== here.origin) return fallback;
	// Dot segments are resolved by the parse: `/.//evil.example` becomes the path `//evil.example`.
	const path = `${target.pathname}${target.search}${target.hash}`;
	return pathOfThisSite.test(path) ? path : fallback;
}
