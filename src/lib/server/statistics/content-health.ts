import { monthsBefore, staleClaims } from '$lib/server/curriculum/claims';
import type { Course } from '$lib/server/curriculum/course';
import type { Locale } from '$lib/server/curriculum/schema';
import type { ItemFlag, ItemRow } from './items';

// One list for authors of what needs their attention: text not reviewed for too long (the law moves), time-sensitive
// claims not checked for too long, lesson texts no legal practitioner has reviewed, questions the item analysis
// flags, and lessons or notes missing in a language.

export type HealthProblem =
	| { kind: 'review_due'; lastReviewed: string }
	| { kind: 'claim_stale'; claim: string; checked: string; source: string }
	| { kind: 'practitioner_review_missing' }
	| { kind: 'question_flagged'; questionId: string; flags: ItemFlag[] }
	| { kind: 'translation_missing'; locale: Locale; what: 'lesson' | 'facilitator_notes' };

export interface HealthEntry {
	lessonId: string;
	lessonPath: string;
	/** The file to open, from the project's root. */
	file: string;
	problem: HealthProblem;
}

export const defaultReviewMonths = 12;

/** The day `months` months before `today` (YYYY-MM-DD): text last reviewed before it is due. */
export function reviewCutoff(today: string, months: number): string {
	return monthsBefore(today, months);
}

export function contentHealth(
	course: Pick<Course, 'lessons'>,
	items: ItemRow[],
	options: { today: string; reviewMonths: number; claimMonths: number; locales: readonly Locale[] }
): HealthEntry[] {
	const cutoff = reviewCutoff(options.today, options.reviewMonths);
	const claimCutoff = monthsBefore(options.today, options.claimMonths);
	const entries: HealthEntry[] = [];
	for (const lesson of course.lessons) {
		const at = (file: string, problem: HealthProblem) => entries.push({ lessonId: lesson.id, lessonPath: lesson.path, file: file.replace(/^\//, ''), problem });
		const texts = [
			...Object.values(lesson.variants),
			...Object.values(lesson.supplements).flatMap((byLocale) => Object.values(byLocale))
		];
		for (const text of texts) {
			if (text && text.last_reviewed < cutoff) at(text.file, { kind: 'review_due', lastReviewed: text.last_reviewed });
		}
		for (const variant of Object.values(lesson.variants)) {
			if (!variant) continue;
			for (const claim of staleClaims(variant, claimCutoff)) {
				at(variant.file, { kind: 'claim_stale', claim: claim.claim, checked: claim.checked, source: claim.source });
			}
			if (variant.practitioner_review === 'none') at(variant.file, { kind: 'practitioner_review_missing' });
		}
		for (const locale of options.locales) {
			if (!lesson.variants[locale]) at(`${lesson.folder}${locale}.svx`, { kind: 'translation_missing', locale, what: 'lesson' });
			if (!lesson.facilitatorNotes[locale]) {
				at(`${lesson.folder}facilitator.${locale}.svx`, { kind: 'translation_missing', locale, what: 'facilitator_notes' });
			}
		}
		for (const item of items) {
			if (item.lessonId === lesson.id && item.flags.length > 0) {
				at(item.file, { kind: 'question_flagged', questionId: item.questionId, flags: item.flags });
			}
		}
	}
	return entries;
}
