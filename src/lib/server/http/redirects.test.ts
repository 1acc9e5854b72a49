import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeNext } from './redirects';

const here = new URL('https://d101.example.org/en/login?next=x');
const fallback = '/en/account';

/** Where a browser goes when told `Location: location` by a page of `base`: it drops tabs and line breaks first. */
function browserDestination(location: string, base: string): URL {
	return new URL(location.replace(/[\t\n\r]/g, ''), base);
}

/** Strings that look like URLs, built from the pieces that have made open redirects elsewhere. */
const piece = fc.constantFrom(
	'/', '//', '/\\', '\\', '\\\\', '\t', '\n', '\r', '\r\n', ' ', '\u0000', '\u001f', '\u007f', '\u00a0', '\u3000', '\ufeff',
	'%09', '%0a', '%0d', '%00', '%2f', '%2F', '%5c', '%5C', '%2e', '%', '%zz', '.', '..', './', '../', '/./', '/../',
	'evil.example', 'evil.example:443', 'd101.example.org', 'd101.example.org.evil.example', '@', 'user:pass@', ':', '?', '#', '&', '=',
	'http:', 'https:', 'HTTPS:', 'javascript:', 'data:', 'file:', 'blob:', 'ftp:', 'mailto:', 'http://', 'https://evil.example', '///',
	'é', 'ñ', '😀', '\u202e', '\u2044', '\u2215', '\uff0f', '\uff3c', '。', '\ud800', 'en', 'account', 'next'
);
const urlLike = fc.oneof(
	{ weight: 4, arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: piece }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { maxLength: 12 }).map((parts) => parts.join('')) },
	{ weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) }
);

describe('safeNext', () => {
	it('keeps a path of this site, with its query and fragment', () => {
		expect(safeNext('/en/workshops/abc?x=1#top', here, fallback)).toBe('/en/workshops/abc?x=1#top');
		expect(safeNext('/es/learn', here, fallback)).toBe('/es/learn');
	});

	it('falls back on nothing, another site, a scheme or a protocol-relative path', () => {
		for (const next of [null, undefined, '', 'en/account', 'https://evil.example/', '//evil.example', '/\\evil.example', '\\\\evil.example', 'javascript:alert(1)', ' /en', 'https://d101.example.org/en']) {
			expect(safeNext(next, here, fallback), String(next)).toBe(fallback);
		}
	});

	it('reads the path as a browser does: a tab or line break inside // does not hide it', () => {
		for (const next of ['/\t/evil.example/', '/\n/evil.example', '/\r\n/evil.example', '\t//evil.example', '/\t\\evil.example']) {
			expect(safeNext(next, here, fallback), JSON.stringify(next)).toBe(fallback);
		}
	});

	it('falls back when dot segments resolve to a protocol-relative path', () => {
		expect(safeNext('/.//evil.example', here, fallback)).toBe(fallback);
		expect(safeNext('/x/..//evil.example', here, fallback)).toBe(fallback);
	});

	it('answers with the normalised, percent-encoded path, never the raw string', () => {
		expect(safeNext('/en/é?q=ñ ü#ç', here, fallback)).toBe('/en/%C3%A9?q=%C3%B1%20%C3%BC#%C3%A7');
		expect(safeNext('/en/a\u0000b', here, fallback)).toBe('/en/a%00b');
		expect(safeNext('/en/a/../b', here, fallback)).toBe('/en/b');
	});

	it('never throws, and never names a target that a browser would resolve to another origin', () => {
		fc.assert(
			fc.property(urlLike, (next) => {
				const target = safeNext(next, here, fallback);
				// Printable ASCII only: a valid Location header, with nothing a browser would strip or reinterpret.
				expect(target).toMatch(/^[\x21-\x7e]+$/);
				expect(target).toMatch(/^\/(?![/\\])/);
				expect(browserDestination(target, here.href).origin).toBe(here.origin);
				// A path only: from any other page it stays on that page's site, so no scheme or host hides in it.
				expect(browserDestination(target, 'http://other.example/a/b').origin).toBe('http://other.example');
				if (target !== fallback) expect(browserDestination(next!, here.href).origin).toBe(here.origin);
			}),
			{ numRuns: 5000 }
		);
	});
});
