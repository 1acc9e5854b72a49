import fc from 'fast-check';
import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { QR_ENCODE_OPTIONS, renderQrSvg } from './qr';

/** Rebuilds the module matrix from the SVG's path (runs written as `M x y h w v1 h-w z`). */
function modulesFromSvg(svg: string): boolean[][] {
	const n = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
	const d = /<path d="([^"]*)"/.exec(svg)?.[1] ?? '';
	const matrix = Array.from({ length: n }, () => Array.from({ length: n }, () => false));
	for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
		for (let i = 0; i < Number(w); i++) matrix[Number(y)][Number(x) + i] = true;
	}
	return matrix;
}

const LONG_URL = `https://d101.example.org/en/workshops/join?code=${'A1b2C3d4E5'.repeat(20)}`.slice(0, 200);

describe('renderQrSvg', () => {
	it('returns a scalable, accessible SVG', () => {
		const svg = renderQrSvg('https://d101.example.org/join/ABC123', 'Scan to join the workshop');
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg.endsWith('</svg>')).toBe(true);
		expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
		expect(svg).toContain('role="img"');
		expect(svg).toContain('aria-label="Scan to join the workshop"');
		expect(svg).toContain('<title>Scan to join the workshop</title>');
		expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
		expect(svg.slice(0, svg.indexOf('>'))).not.toMatch(/\s(width|height)=/);
	});

	it('draws dark modules on a white background covering the whole view box', () => {
		const svg = renderQrSvg('hello', 'QR code');
		const n = Number(/viewBox="0 0 (\d+) /.exec(svg)?.[1]);
		expect(svg).toContain(`<rect width="${n}" height="${n}" fill="#fff"/>`);
		expect(svg).toMatch(/<path d="M[^"]+" fill="#000"\/>/);
		// The background comes first so the modules paint over it.
		expect(svg.indexOf('<rect')).toBeLessThan(svg.indexOf('<path'));
	});

	it('escapes the label in both the title and aria-label', () => {
		const svg = renderQrSvg('x', `Tom & Jerry's <b>"code"</b>`);
		expect(svg).toContain('<title>Tom &amp; Jerry&#39;s &lt;b&gt;&quot;code&quot;&lt;/b&gt;</title>');
		expect(svg).toContain('aria-label="Tom &amp; Jerry&#39;s &lt;b&gt;&quot;code&quot;&lt;/b&gt;"');
		expect(svg).not.toContain('<b>');
		expect(svg).not.toContain('"code"');
	});

	it('uses no style attributes and no script', () => {
		const svg = renderQrSvg('https://d101.example.org/join/ABC123', 'Scan to join');
		expect(svg).not.toContain('style=');
		expect(svg).not.toContain('<style');
		expect(svg).not.toContain('<script');
	});

	it('cannot be made to carry markup, a style attribute or a script through the label or text', () => {
		const svg = renderQrSvg('<script>alert(1)</script>" style="x', '<script>alert(1)</script>" style="color:red');
		expect(svg).not.toContain('<script');
		expect(svg).not.toContain('style="');
		// Every attribute value is a plain quoted string: exactly the attributes we write, no more.
		const openTag = svg.slice(0, svg.indexOf('>') + 1);
		expect([...openTag.matchAll(/\s([A-Za-z-]+)="[^"]*"/g)].map((m) => m[1])).toEqual([
			'xmlns',
			'viewBox',
			'role',
			'aria-label',
			'shape-rendering'
		]);
		// The encoded text never appears in the markup: it is only drawn.
		expect(renderQrSvg('secret-token-123', 'QR')).not.toContain('secret-token');
	});

	it('is the same five elements whatever text and label it is given: the text is only drawn, the label only escaped', () => {
		const hostile = fc.oneof(
			fc.string({ unit: 'binary', maxLength: 200 }),
			fc.constantFrom('<script>alert(1)</script>', '"/><foreignObject><iframe src=x>', ']]><!--', '&lt;&#x3C;', `'" onload="x`, '\u202E\u0000')
		);
		fc.assert(
			fc.property(hostile, hostile, (text, label) => {
				const svg = renderQrSvg(text, label);
				const escaped = label.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
				const shape =
					/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1" role="img" aria-label="([^"<>]*)" shape-rendering="crispEdges"><title>([^<>]*)<\/title><rect width="\1" height="\1" fill="#fff"\/><path d="((?:M\d+ \d+h\d+v1h-\d+z)*)" fill="#000"\/><\/svg>$/.exec(svg);
				expect(shape, svg.slice(0, 300)).not.toBeNull();
				expect(shape![2]).toBe(escaped);
				expect(shape![3]).toBe(escaped);
				expect([...svg.matchAll(/<([a-zA-Z]+)/g)].map((match) => match[1])).toEqual(['svg', 'title', 'rect', 'path']);
			}),
			{ numRuns: 300 }
		);
	});

	it('draws different codes for different texts', () => {
		expect(renderQrSvg('https://d101.example.org/join/A', 'QR')).not.toBe(renderQrSvg('https://d101.example.org/join/B', 'QR'));
	});

	it('is deterministic for the same text', () => {
		expect(renderQrSvg('otpauth://totp/x?secret=ABC', 'QR')).toBe(renderQrSvg('otpauth://totp/x?secret=ABC', 'QR'));
	});

	it('handles a 200-character URL with the expected version and size', () => {
		expect(LONG_URL).toHaveLength(200);
		const svg = renderQrSvg(LONG_URL, 'Join link');
		const qr = encode(LONG_URL, QR_ENCODE_OPTIONS);
		// 200 bytes in byte mode at level M need version 10 (213 data bytes; version 9 holds only 180).
		expect(qr.version).toBe(10);
		expect(qr.size).toBe(4 * 10 + 17 + 2 * 4);
		expect(svg).toContain(`viewBox="0 0 ${qr.size} ${qr.size}"`);
	});

	it('draws exactly the modules of the encoded matrix, with a 4-module quiet zone', () => {
		for (const text of ['HELLO WORLD', 'otpauth://totp/Deportation%20101:ana%40example.org?secret=JBSWY3DPEHPK3PXP', LONG_URL, 'María — ¿dónde?']) {
			const svg = renderQrSvg(text, 'QR');
			const qr = encode(text, QR_ENCODE_OPTIONS);
			expect(qr.size).toBe(4 * qr.version + 17 + 8);
			const drawn = modulesFromSvg(svg);
			expect(drawn).toEqual(qr.data);
			// Quiet zone: the outer four rows and columns are all light.
			for (let i = 0; i < qr.size; i++) {
				for (const j of [0, 1, 2, 3, qr.size - 4, qr.size - 3, qr.size - 2, qr.size - 1]) {
					expect(drawn[i][j]).toBe(false);
					expect(drawn[j][i]).toBe(false);
				}
			}
			// The top-left finder pattern's outer ring starts just inside the quiet zone.
			expect(drawn[4].slice(4, 11)).toEqual([true, true, true, true, true, true, true]);
		}
	});

	it('fits a short alphanumeric text in version 1', () => {
		const qr = encode('HELLO WORLD', QR_ENCODE_OPTIONS);
		expect(qr.version).toBe(1);
		expect(renderQrSvg('HELLO WORLD', 'QR')).toContain('viewBox="0 0 29 29"');
	});

	it('sets a pixel width and height only when asked', () => {
		const svg = renderQrSvg('hello', 'QR', { size: 240 });
		expect(svg.slice(0, svg.indexOf('>'))).toContain(' width="240" height="240"');
	});

	it('throws rather than drawing a wrong code when the text cannot fit', () => {
		expect(() => renderQrSvg('x'.repeat(5000), 'QR')).toThrow();
	});
});
