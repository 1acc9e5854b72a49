import type { Course, LessonVariant, Problem } from './course';
import type { TimeSensitiveClaim } from './schema';
import { headingKey } from './sections';

// Time-sensitive claims (`time_sensitive` in a lesson's frontmatter): the law they state moves, so each says when a
// person last checked it and against which source, and `npm run curriculum:check` says when that is too long ago.

/** A claim last checked longer ago than this many months is listed for checking again. */
export const defaultClaimMonths = 6;


/** The day `months` months before `day` (both YYYY-MM-DD): a date before it is older than `months` months. */
export function monthsBefore(day: string, months: number): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCMonth(date.getUTCMonth() - months);
	return date.toISOString().slice(0, 10);
}

/** The text of every `## ` heading in a Markdown body, as an author writes it in a claim's `section`. */
export function sectionHeadings(body: string): string[] {
	return [...body.matchAll(/^##[ \t]+(.+?)[ \t]*#*[ \t]*$/gm)].map((match) => match[1].trim());
}

/** The claims of one lesson text that were last checked before `cutoff`. */
export function staleClaims(variant: Pick<LessonVariant, 'time_sensitive'>, cutoff: string): TimeSensitiveClaim[] {
	return variant.time_sensitive.filter((claim) => claim.checked < cutoff);
}

/**
 * What the check says about every lesson's claims: a `section` that names no heading of the body is an error; a claim checked before `today` minus `olderThanMonths` is a warning.
 */
export function claimProblems(
	course: Pick<Course, 'lessons'>,
	files: Record<string, string>,
	options: { today: string; olderThanMonths: number }
): Problem[] {
	const cutoff = monthsBefore(options.today, options.olderThanMonths);
	const problems: Problem[] = [];
	for (const lesson of course.lessons) {
		for (const variant of Object.values(lesson.variants)) {
			if (!variant) continue;
			// Compared as the reader compares them (sections.ts), so that what passes here is shown beside its section.
			const headings = new Set(sectionHeadings(files[variant.file] ?? '').map(headingKey));
			variant.time_sensitive.forEach((claim, index) => {
				const field = `time_sensitive.${index}`;
				if (claim.section !== undefined && !headings.has(headingKey(claim.section))) {
					problems.push({
						file: variant.file,
						field: `${field}.section`,
						message: `names "${claim.section}", which is not the text of a ## heading in the body`,
						level: 'error'
					});
				}
				if (claim.checked < cutoff) {
					problems.push({
						file: variant.file,
						field: `${field}.checked`,
						message: `was last checked on ${claim.checked}, more than ${options.olderThanMonths} months ago: check it against its source again`,
						level: 'warning'
					});
				}
			});
		}
	}
	return problems;
}
