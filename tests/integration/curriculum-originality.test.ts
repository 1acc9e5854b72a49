import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Lessons are written in our own words: no run of ten words may be lifted from the curriculum brief.
const briefPath = path.resolve('../shared/curriculum/brief.md');
const runLength = 10;

function words(text: string): string[] {
	return text
		.toLowerCase()
		.replace(/\]\([^)]*\)/g, ']') // link targets are addresses, not prose
		.replace(/https?:\/\/\S+/g, ' ')
		.split(/[^\p{L}\p{N}']+/u)
		.filter(Boolean);
}

function runs(list: string[]): Set<string> {
	const result = new Set<string>();
	for (let i = 0; i + runLength <= list.length; i++) result.add(list.slice(i, i + runLength).join(' '));
	return result;
}

describe.skipIf(!fs.existsSync(briefPath))('the curriculum’s wording', () => {
	it(`shares no run of ${runLength} words with the brief`, () => {
		const brief = runs(words(fs.readFileSync(briefPath, 'utf8')));
		const copied: string[] = [];
		for (const file of fs.readdirSync('curriculum', { recursive: true }) as string[]) {
			if (!/\.(svx|yaml)$/.test(file)) continue;
			let text = fs.readFileSync(path.join('curriculum', file), 'utf8');
			// Source titles and URLs in frontmatter name the brief's sources on purpose.
			text = text.replace(/^\s*(- )?(title|url):.*$/gm, '');
			// A quotation marked as one (a statute's words, a program's name) is not prose of ours.
			text = text.replace(/“[^”\n]{1,160}”|«[^»\n]{1,160}»/g, ' ');
			for (const run of runs(words(text))) if (brief.has(run)) copied.push(`${file}: "${run}"`);
		}
		expect(copied).toEqual([]);
	});
});
