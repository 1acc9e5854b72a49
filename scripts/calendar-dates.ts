import fs from 'node:fs';
import path from 'node:path';

// End-to-end tests, fault tests and benchmarks run the app on today's clock: a calendar date written into them goes
// stale as that clock moves on (a workshop "held" on it is erased as past). They compute their dates from today.
// A date that really is fixed is marked on its line with a comment saying "fixed date".

/** Where a calendar date written in the code is a date that will pass. */
export const checkedFolders = ['tests/e2e', 'tests/fault', 'bench'];

/** A quoted ISO day ('2026-11-28'), or a Date made from a year (new Date(2026, 10, 28), Date.UTC(2026, …)). */
const calendarDay = /['"`](?:19|20)\d{2}-[01]\d-[0-3]\d|(?:new Date|Date\.UTC)\(\s*(?:19|20)\d{2}\s*,/;
const fixedMark = /fixed date/i;

/** Each line of the source that carries a calendar date and no "fixed date" mark. */
export function calendarDates(source: string): { line: number; text: string }[] {
	return source
		.split('\n')
		.map((text, index) => ({ line: index + 1, text: text.trim() }))
		.filter(({ text }) => calendarDay.test(text) && !fixedMark.test(text));
}

/** Every such line in the checked folders, as `file:line: text`. */
export function calendarDatesIn(root: string): string[] {
	const found: string[] = [];
	for (const folder of checkedFolders) {
		const dir = path.join(root, folder);
		if (!fs.existsSync(dir)) continue;
		for (const file of fs.readdirSync(dir, { recursive: true }) as string[]) {
			if (!/\.(ts|js|mjs)$/.test(file)) continue;
			const source = fs.readFileSync(path.join(dir, file), 'utf8');
			for (const { line, text } of calendarDates(source)) found.push(`${folder}/${file}:${line}: ${text}`);
		}
	}
	return found;
}
