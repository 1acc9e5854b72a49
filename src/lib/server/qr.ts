import { encode, type QrCodeGenerateOptions } from 'uqr';

/**
 * How QR codes are encoded. Error correction M (15%) survives a slightly blurred or glare-struck phone-camera
 * read of a projected or printed code; the 4-module white border is the quiet zone the QR standard requires.
 */
export const QR_ENCODE_OPTIONS = { ecc: 'M', border: 4 } as const satisfies QrCodeGenerateOptions;

/** Escapes text for use in both SVG element content and double- or single-quoted attribute values. */
function escapeXml(text: string): string {
	return text
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

/**
 * An accessible SVG of a QR code for `text`: role="img", an aria-label and <title> given by `label`, dark modules
 * on a white background with a quiet zone, scalable (a viewBox in module units and no width or height unless
 * `options.size` is given, in CSS pixels). Only presentation attributes are used (no style attribute, no script),
 * so it is safe under a strict CSP, inline in a page or as an image.
 *
 * Encoding happens entirely in-process (uqr); nothing is sent anywhere. Throws a RangeError if `text` is too long
 * for the largest QR code.
 */
export function renderQrSvg(text: string, label: string, options: { size?: number } = {}): string {
	const qr = encode(text, QR_ENCODE_OPTIONS);
	const n = qr.size;

	// One sub-path per horizontal run of dark modules, which keeps the path a fraction of one-square-per-module.
	let d = '';
	qr.data.forEach((row, y) => {
		let x = 0;
		while (x < n) {
			if (!row[x]) {
				x++;
				continue;
			}
			const start = x;
			while (x < n && row[x]) x++;
			d += `M${start} ${y}h${x - start}v1h-${x - start}z`;
		}
	});

	const escapedLabel = escapeXml(label);
	const size = options.size;
	const dimensions =
		size !== undefined && Number.isFinite(size) && size > 0 ? ` width="${Math.round(size)}" height="${Math.round(size)}"` : '';
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}"${dimensions} role="img" aria-label="${escapedLabel}" shape-rendering="crispEdges">` +
		`<title>${escapedLabel}</title>` +
		`<rect width="${n}" height="${n}" fill="#fff"/>` +
		`<path d="${d}" fill="#000"/>` +
		`</svg>`
	);
}
