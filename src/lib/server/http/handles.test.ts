import { describe, expect, it } from 'vitest';
import { isPlausibleParam } from './handles';

describe('isPlausibleParam', () => {
	it('accepts ids, tokens, codes and slugs', () => {
		for (const value of ['why-deportation-101', 'a5aztiwjobg5t6ferupchnvp3ggkmsi4.m4noj6pkavh2b6ex5yza3wwuerpvuilo', '7KQ2-M9XD', 'é', 'constructor']) {
			expect(isPlausibleParam(value), value).toBe(true);
		}
	});

	it('refuses a NUL, any other control character, and a lone surrogate', () => {
		for (const value of ['ab\u0000cd', '\u0000', 'a\tb', 'a\nb', 'a\rb', 'a\u001fb', 'a\u007fb', 'a\uD800b']) {
			expect(isPlausibleParam(value), JSON.stringify(value)).toBe(false);
		}
	});
});
