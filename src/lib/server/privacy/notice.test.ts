import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { privacyMarkdown, privacyNotice } from './notice';
import { privacyRegistry } from './registry';

describe('the privacy notice', () => {
	it('is what docs/privacy.md says: run `npm run docs:privacy` after changing the registry', () => {
		expect(fs.readFileSync('docs/privacy.md', 'utf8')).toBe(privacyMarkdown());
	});

	it('names every column of every table, in both languages, with who sees it', () => {
		const columns = Object.values(privacyRegistry).reduce((sum, table) => sum + Object.keys(table.columns).length, 0);
		for (const locale of ['en', 'es'] as const) {
			const notice = privacyNotice(locale);
			expect(notice.tables.flatMap((table) => table.columns)).toHaveLength(columns);
			for (const column of notice.tables.flatMap((table) => table.columns)) expect(column.seenBy).not.toBe('');
		}
		expect(privacyNotice('es').tables[0].about).not.toBe(privacyNotice('en').tables[0].about);
	});
});
