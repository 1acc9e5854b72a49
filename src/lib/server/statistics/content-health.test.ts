import { describe, expect, it } from 'vitest';
import type { CourseLesson } from '$lib/server/curriculum/course';
import { contentHealth, reviewCutoff } from './content-health';
import type { ItemRow } from './items';

const folder = '/curriculum/01-rights/01-at-the-door/';
const reviewed = { by: 'A. Lawyer', organisation: 'A legal aid office', date: '2026-06-01' };
const lesson = (overrides: Partial<CourseLesson>) =>
	({
		id: 'at-the-door',
		path: 'rights/at-the-door',
		folder,
		variants: {
			en: { file: `${folder}en.svx`, last_reviewed: '2026-06-01', time_sensitive: [], practitioner_review: reviewed },
			es: { file: `${folder}es.svx`, last_reviewed: '2026-06-01', time_sensitive: [], practitioner_review: reviewed }
		},
		supplements: {},
		facilitatorNotes: { en: `${folder}facilitator.en.svx`, es: `${folder}facilitator.es.svx` },
		...overrides
	}) as unknown as CourseLesson;

const options = { today: '2026-11-28', reviewMonths: 12, claimMonths: 6, locales: ['en', 'es'] as const };

describe('content health', () => {
	it('puts the review cutoff the given number of months back', () => {
		expect(reviewCutoff('2026-11-28', 12)).toBe('2025-11-28');
		expect(reviewCutoff('2026-11-28', 6)).toBe('2026-05-28');
	});

	it('lists nothing for a lesson reviewed lately, translated and with unflagged questions', () => {
		expect(contentHealth({ lessons: [lesson({})] }, [], options)).toEqual([]);
	});

	it('lists text reviewed too long ago, a missing translation and missing notes, and flagged questions', () => {
		const stale = lesson({
			variants: { en: { file: `${folder}en.svx`, last_reviewed: '2025-01-15', time_sensitive: [], practitioner_review: reviewed } } as unknown as CourseLesson['variants'],
			facilitatorNotes: { en: `${folder}facilitator.en.svx` }
		});
		const flagged = { lessonId: 'at-the-door', questionId: 'q2', flags: ['too_hard'], file: `${folder.slice(1)}quiz.yaml` } as ItemRow;
		const unflagged = { ...flagged, questionId: 'q3', flags: [] } as ItemRow;
		expect(contentHealth({ lessons: [stale] }, [flagged, unflagged], options).map((entry) => [entry.file, entry.problem])).toEqual([
			['curriculum/01-rights/01-at-the-door/en.svx', { kind: 'review_due', lastReviewed: '2025-01-15' }],
			['curriculum/01-rights/01-at-the-door/es.svx', { kind: 'translation_missing', locale: 'es', what: 'lesson' }],
			['curriculum/01-rights/01-at-the-door/facilitator.es.svx', { kind: 'translation_missing', locale: 'es', what: 'facilitator_notes' }],
			['curriculum/01-rights/01-at-the-door/quiz.yaml', { kind: 'question_flagged', questionId: 'q2', flags: ['too_hard'] }]
		]);
	});

	it('lists claims last checked before the claim cutoff, claims with no date, and texts no practitioner reviewed', () => {
		const claims = lesson({
			variants: {
				en: {
					file: `${folder}en.svx`,
					last_reviewed: '2026-06-01',
					practitioner_review: 'none',
					time_sensitive: [
						{ claim: 'Old.', checked: '2026-05-27', source: 'https://example.org/old' },
						{ claim: 'Fresh.', checked: '2026-05-28', source: 'https://example.org/fresh' }
					]
				},
				es: { file: `${folder}es.svx`, last_reviewed: '2026-06-01', time_sensitive: [], practitioner_review: reviewed }
			} as unknown as CourseLesson['variants']
		});
		expect(contentHealth({ lessons: [claims] }, [], options).map((entry) => [entry.file, entry.problem])).toEqual([
			['curriculum/01-rights/01-at-the-door/en.svx', { kind: 'claim_stale', claim: 'Old.', checked: '2026-05-27', source: 'https://example.org/old' }],
			['curriculum/01-rights/01-at-the-door/en.svx', { kind: 'practitioner_review_missing' }]
		]);
	});
});
