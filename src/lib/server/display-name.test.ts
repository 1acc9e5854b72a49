import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanDisplayName, combiningMarksPerCharacter, displayNameLimits } from './display-name';

/** Characters that must never survive: C0, DEL, C1, the bidirectional controls and marks, zero-width and BOM. */
const forbidden = [
	...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)),
	...Array.from({ length: 0x21 }, (_, offset) => String.fromCharCode(0x7f + offset)),
	'\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
	'\u2066', '\u2067', '\u2068', '\u2069',
	'\u200E', '\u200F', '\u061C',
	'\u200B', '\u2060', '\uFEFF', '\u00AD'
];
/** Combining marks of several scripts: above, below, enclosing, spacing; Zalgo text is made of the first ones. */
const marks = ['\u0300', '\u0301', '\u0336', '\u0489', '\u0323', '\u093C', '\u094D', '\u093F', '\u0902', '\u064E', '\u0651', '\u05BC', '\u05B8', '\u05C1', '\u0E34', '\u0E49', '\u0F92', '\u0FB2', '\u0F74', '\u20DD', '\uFE0F'];
const hostile = fc.constantFrom(...forbidden, '\u200C', '\u200D', ' ', '\u3000', '\u00A0', '\u2028', '\uD800', '\uDC00', 'e\u0301', '👩‍👩‍👧', ...marks);
const markPile = fc.array(fc.constantFrom(...marks, '\u200D', '\u200C'), { minLength: 1, maxLength: 40 }).map((parts) => parts.join(''));
/** Names built from every kind of character, with the hostile ones and lone surrogates much more likely than by chance. */
const anyName = fc
	.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ unit: 'grapheme', maxLength: 8 }), hostile, markPile), { maxLength: 30 })
	.map((parts) => parts.join(''));
const limit = fc.constantFrom(displayNameLimits.participant, displayNameLimits.staff, 1, 5);

/** The most combining marks on one character, joiners between them not counting as a character. */
function mostMarksOnOneCharacter(text: string): number {
	return Math.max(0, ...(text.match(/[\p{M}\u200C\u200D]+/gu) ?? []).map((run) => (run.match(/\p{M}/gu) ?? []).length));
}

function graphemeCount(text: string): number {
	return [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text)].length;
}

describe('cleanDisplayName', () => {
	it('leaves a Spanish name with accents, tildes and an apostrophe as it is', () => {
		for (const name of ['María José Núñez-Ibáñez', 'Íñigo D’Ávila', 'José Ángel Güemes', 'Begoña Peña y Muñoz']) {
			expect(cleanDisplayName(name, displayNameLimits.participant)).toBe(name);
			expect(cleanDisplayName(name, displayNameLimits.staff, 'refuse')).toBe(name);
		}
	});

	it('composes a decomposed accent (NFC), so the same name is stored the same way however it was typed', () => {
		expect(cleanDisplayName('Mari\u0301a', 40)).toBe('María');
	});

	it('drops control, bidirectional and zero-width characters and collapses whitespace', () => {
		expect(cleanDisplayName('  Ana\u202E  María\u0000 ', 40)).toBe('Ana María');
		expect(cleanDisplayName('\u2067Ana\u2069\u200B\u00A0\u3000Ruiz\u0085', 40)).toBe('Ana Ruiz');
		expect(cleanDisplayName('admin\u202Egnp.exe', 40)).toBe('admingnp.exe');
	});

	it('keeps the joiners that Persian and emoji need inside a word, but not at its edges', () => {
		expect(cleanDisplayName('می\u200Cخواهم', 40)).toBe('می\u200Cخواهم');
		expect(cleanDisplayName('👩‍👩‍👧 Lee', 40)).toBe('👩‍👩‍👧 Lee');
		expect(cleanDisplayName('\u200DAna\u200C \u200D Lee\u200D', 40)).toBe('Ana Lee');
	});

	it('keeps real names that carry combining marks, in any script', () => {
		const names = [
			'Nguyễn Thị Minh Khai', 'Trần Hưng Đạo', 'Phạm Thị Tuyết',
			'श्रीमती क़ुर्रतुलऐन', 'प्रियंका चोपड़ा', 'सिद्धार्थ',
			'مُحَمَّد عَلِيّ', 'فَاطِمَة الزَّهْرَاء',
			'שָׁלוֹם כֹּהֵן', 'สมชาย ใจดี', 'བསྒྲུབས་པ', 'Zoë Ōtsuka'
		];
		for (const name of names) {
			expect(cleanDisplayName(name, displayNameLimits.staff, 'refuse'), name).toBe(name.normalize('NFC'));
		}
		// Typed decomposed, Vietnamese composes to the same name.
		expect(cleanDisplayName('Nguye\u0302\u0303n', 40)).toBe('Nguyễn');
	});

	it('keeps at most three combining marks on a character, so that a name cannot draw over the rows around it', () => {
		expect(cleanDisplayName(`x${'\u0336'.repeat(199)}`, 40)).toBe('x\u0336\u0336\u0336');
		const zalgo = cleanDisplayName(`a${'\u0301\u0336\u0489\u0323'.repeat(50)}`, 40)!;
		expect(zalgo.startsWith('á')).toBe(true);
		expect(mostMarksOnOneCharacter(zalgo)).toBe(3);
		expect(cleanDisplayName(`Ana${'\u0300'.repeat(199)} Ruiz`, 40)).toBe(`Anà${'\u0300'.repeat(3)} Ruiz`);
		expect(cleanDisplayName(`x${'\u0301\u200D'.repeat(100)}y`, 40)).toBe('x\u0301\u200D\u0301\u200D\u0301\u200Dy');
	});

	it('is undefined when nothing visible is left', () => {
		for (const input of ['', '   ', ' \u200B ', '\u202E\u202C', '\u200D\u200C', '\u0000\u0085\uD800']) {
			expect(cleanDisplayName(input, 40)).toBeUndefined();
		}
	});

	it('cuts at the limit without splitting a character, or refuses when asked to', () => {
		expect(cleanDisplayName('x'.repeat(60), 40)).toBe('x'.repeat(40));
		expect(cleanDisplayName('😀'.repeat(50), 40)).toBe('😀'.repeat(40));
		expect(cleanDisplayName('é'.repeat(81), 80, 'refuse')).toBeUndefined();
		expect(cleanDisplayName('é'.repeat(80), 80, 'refuse')).toBe('é'.repeat(80));
		expect(cleanDisplayName('abc                 d', 4)).toBe('abc');
	});

	it('never returns a control, bidirectional or zero-width character, a lone surrogate or stray whitespace', () => {
		fc.assert(
			fc.property(anyName, limit, (input, max) => {
				const name = cleanDisplayName(input, max);
				if (name === undefined) return;
				for (const char of forbidden) expect(name).not.toContain(char);
				expect(name.isWellFormed()).toBe(true);
				expect(name).toBe(name.trim());
				expect(name).not.toMatch(/\s\s|[^\S ]/);
				expect(name).toBe(name.normalize('NFC'));
			}),
			{ numRuns: 2000 }
		);
	});

	it('never keeps more than three combining marks on one character', () => {
		fc.assert(
			fc.property(anyName, limit, (input, max) => {
				const name = cleanDisplayName(input, max);
				if (name !== undefined) expect(mostMarksOnOneCharacter(name)).toBeLessThanOrEqual(combiningMarksPerCharacter);
			}),
			{ numRuns: 2000 }
		);
	});

	it('leaves a name of letters each with up to three marks as it is, once composed', () => {
		const base = fc.constantFrom('a', 'e', 'o', 'क', 'ष', 'ب', 'م', 'ש', 'ก', 'ས', 'Я', 'ŋ');
		const syllable = fc.tuple(base, fc.array(fc.constantFrom(...marks.filter((found) => found !== '\uFE0F')), { maxLength: combiningMarksPerCharacter }));
		fc.assert(
			fc.property(fc.array(syllable, { minLength: 1, maxLength: 20 }), (syllables) => {
				const input = syllables.map(([letter, on]) => letter + on.join('')).join('');
				expect(cleanDisplayName(input, displayNameLimits.staff, 'refuse')).toBe(input.normalize('NFC'));
			}),
			{ numRuns: 1000 }
		);
	});

	it('never exceeds the limit, and refuses rather than cuts when asked to', () => {
		fc.assert(
			fc.property(anyName, limit, (input, max) => {
				const cut = cleanDisplayName(input, max);
				if (cut !== undefined) expect(graphemeCount(cut)).toBeLessThanOrEqual(max);
				const refused = cleanDisplayName(input, max, 'refuse');
				expect(refused === undefined || refused === cut).toBe(true);
			}),
			{ numRuns: 2000 }
		);
	});

	it('is idempotent: a cleaned name cleans to itself', () => {
		fc.assert(
			fc.property(anyName, limit, (input, max) => {
				const name = cleanDisplayName(input, max);
				if (name !== undefined) expect(cleanDisplayName(name, max)).toBe(name);
			}),
			{ numRuns: 2000 }
		);
	});

	it('leaves names of ordinary printable characters unchanged but for whitespace', () => {
		const printable = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnñopqrstuvwxyzáéíóúüÁÉÍÓÚÜÑ’\'-. '), minLength: 1, maxLength: 40 });
		fc.assert(
			fc.property(printable, (input) => {
				const expected = input.replace(/\s+/g, ' ').trim();
				expect(cleanDisplayName(input, 40)).toBe(/[^\s]/.test(expected) && /[\p{L}\p{P}]/u.test(expected) ? expected : undefined);
			}),
			{ numRuns: 500 }
		);
	});
});
