import { describe, expect, it } from 'vitest';
import { fromTemplate, toTemplate } from './page-cache';

describe('the page cache’s templates', () => {
	const page = '<script nonce="N0nce==">start("KEY123")</script><input name="submissionKey" value="KEY123"><p>KEY</p>';

	it('put fresh tokens wherever the rendered ones were, and nowhere else', () => {
		const template = toTemplate(page, { nonce: 'N0nce==', submissionKey: 'KEY123' });
		expect(template).not.toContain('N0nce==');
		expect(template).not.toContain('KEY123');
		expect(fromTemplate(template, { nonce: 'fresh==', submissionKey: 'NEW456' })).toBe(
			'<script nonce="fresh==">start("NEW456")</script><input name="submissionKey" value="NEW456"><p>KEY</p>'
		);
	});

	it('keep a page without a nonce (a hashed CSP) as it was, apart from the key', () => {
		const template = toTemplate(page, { submissionKey: 'KEY123' });
		expect(fromTemplate(template, { nonce: 'unused', submissionKey: 'K2' })).toBe(page.replaceAll('KEY123', 'K2'));
	});
});
