import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readability } from './readability';

// Regional notes are read by people who may have little schooling in either language (issue 18): each reads at or
// under US grade 9 in English, and at 60 or more on the Fernández-Huerta scale in Spanish.

const notes = (fs.readdirSync('curriculum', { recursive: true }) as string[])
	.filter((file) => /(^|\/)regions\/[^/]+\.(en|es)\.svx$/.test(file.split(path.sep).join('/')))
	.sort()
	.map((file) => ({ file: path.join('curriculum', file), locale: path.basename(file).split('.')[1] as 'en' | 'es' }));

describe('readability', () => {
	it('scores plain and hard text apart, in each language', () => {
		expect(readability('We stay calm. We ask for a lawyer. We do not sign.', 'en')).toBeLessThan(3);
		expect(readability('Notwithstanding jurisdictional considerations, administrative adjudications necessitate comprehensive documentation.', 'en')).toBeGreaterThan(15);
		expect(readability('No firme nada. Pida un abogado. Guarde la calma.', 'es')).toBeGreaterThan(80);
		expect(readability('Independientemente de consideraciones jurisdiccionales, las adjudicaciones administrativas requieren documentación exhaustiva.', 'es')).toBeLessThan(30);
	});

	it.each(notes)('$file reads plainly', ({ file, locale }) => {
		const score = readability(fs.readFileSync(file, 'utf8'), locale);
		if (locale === 'en') expect(score).toBeLessThanOrEqual(9);
		else expect(score).toBeGreaterThanOrEqual(60);
	});
});
