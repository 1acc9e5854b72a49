// Crockford's base32 for codes that people read aloud and type: no I, L, O or U, case-insensitive.

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `groups` of random symbols (5 bits each) joined by dashes, e.g. [4, 4, 5] → "7KQ2-M9XD-4TRPB". */
export function randomCode(groups: number[]): string {
	const bytes = crypto.getRandomValues(new Uint8Array(groups.reduce((sum, size) => sum + size, 0)));
	// 256 is a multiple of 32, so the low 5 bits of a uniform byte are a uniform symbol.
	const symbols = [...bytes].map((byte) => alphabet[byte & 31]).join('');
	let offset = 0;
	return groups.map((size) => symbols.slice(offset, (offset += size))).join('-');
}

/** Upper case, separators dropped, and the letters people confuse with digits read as those digits. */
export function normalizeCode(code: string): string {
	return code
		.toUpperCase()
		.replace(/[\s-]+/g, '')
		.replace(/[IL]/g, '1')
		.replace(/O/g, '0');
}

/** True when `code`, normalized, is `length` symbols of the alphabet. */
export function isCode(code: string, length: number): boolean {
	return new RegExp(`^[${alphabet}]{${length}}$`).test(code);
}
