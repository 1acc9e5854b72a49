import { describe, expect, it } from 'vitest';
import { claimProblems, monthsBefore, sectionHeadings } from './claims';
import type { Course, LessonVariant } from './course';

const file = '/curriculum/01-rights/01-at-the-door/en.svx';
const body = '---\nid: at-the-door\n---\n\nIntro.\n\n## Bond and *detention*\n\nText.\n\n### A smaller heading\n';

function courseWith(timeSensitive: LessonVariant['time_sensitive']): Pick<Course, 'lessons'> {
	const variant = { file, locale: 'en', time_sensitive: timeSensitive } as LessonVariant;
	return { lessons: [{ variants: { en: variant } }] } as unknown as Pick<Course, 'lessons'>;
}

const check = (timeSensitive: LessonVariant['time_sensitive'], olderThanMonths = 6) =>
	claimProblems(courseWith(timeSensitive), { [file]: body }, { today: '2026-12-05', olderThanMonths }).map(
		(problem) => `${problem.level} ${problem.field}: ${problem.message}`
	);

describe('time-sensitive claims', () => {
	it('counts months back by the calendar', () => {
		expect(monthsBefore('2026-12-05', 6)).toBe('2026-06-05');
		expect(monthsBefore('2026-03-05', 12)).toBe('2025-03-05');
	});

	it('reads the text of ## headings only', () => {
		expect(sectionHeadings(body)).toEqual(['Bond and *detention*']);
	});

	it('accepts a claim checked within the months given, and warns on one checked before them', () => {
		const fresh = { claim: 'Fresh.', checked: '2026-06-05', source: 'https://example.org/a' };
		const stale = { claim: 'Stale.', checked: '2026-06-04', source: 'https://example.org/b' };
		expect(check([fresh])).toEqual([]);
		expect(check([fresh, stale])).toEqual([
			'warning time_sensitive.1.checked: was last checked on 2026-06-04, more than 6 months ago: check it against its source again'
		]);
		expect(check([stale], 12)).toEqual([]);
	});

	it('refuses a section that is not the text of a ## heading of the body', () => {
		const claim = { claim: 'C.', checked: '2026-12-01', source: 'https://example.org/c' };
		expect(check([{ ...claim, section: 'Bond and *detention*' }])).toEqual([]);
		expect(check([{ ...claim, section: 'Bond and detention' }])).toEqual([]);
		expect(check([{ ...claim, section: 'A smaller heading' }])).toEqual([
			'error time_sensitive.0.section: names "A smaller heading", which is not the text of a ## heading in the body'
		]);
	});
});
