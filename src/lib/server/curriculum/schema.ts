import { z } from 'zod';

// Schemas for every file an author writes under curriculum/. Kept free of Vite and SvelteKit imports so that
// `npm run curriculum:check` can use them from plain Node.

export const locales = ['en', 'es'] as const;
export type Locale = (typeof locales)[number];

const id = z
	.string()
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, e.g. "know-your-rights"');
const text = z.string().trim().min(1, 'must not be empty');
const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
	.refine((value) => !Number.isNaN(Date.parse(value)), 'must be a real date');
const publicUrl = z.url({ protocol: /^https?$/, error: 'must be a public http(s) address' });

/** Text in every locale; Spanish may be missing only where a translation is pending. */
export const localizedText = z.object({ en: text, es: text }, { error: 'must give the text in en and es' });
export type LocalizedText = z.infer<typeof localizedText>;

export const moduleFile = z.strictObject({ id, title: localizedText, summary: localizedText });

export const source = z.strictObject({ title: text, url: publicUrl });

/**
 * A claim that changes with policy or the courts: when a person last checked it, against which public source, and
 * (`section`, the text of a `##` heading of the body) where the reader shows it beside the passage.
 */
export const timeSensitiveClaim = z.strictObject(
	{ claim: text, checked: isoDate, source: publicUrl, section: text.optional() },
	{ error: 'give the claim, the date it was checked and its source' }
);
export type TimeSensitiveClaim = z.infer<typeof timeSensitiveClaim>;

/** Who in legal practice reviewed a lesson, or `none` until somebody has: a lesson never claims a review it did not get. */
export const practitionerReview = z.union([
	z.literal('none'),
	z.strictObject({ by: text, organisation: text, date: isoDate })
]);
export type PractitionerReview = z.infer<typeof practitionerReview>;

export const lessonFrontmatter = z.strictObject({
	id,
	title: text,
	summary: text,
	minutes: z.strictObject({
		self_paced: z.number().int().min(1).max(240),
		workshop: z.number().int().min(1).max(480)
	}),
	objectives: z.array(text).min(3, 'needs 3 to 5 objectives').max(5, 'needs 3 to 5 objectives'),
	resources: z.array(id).default([]),
	glossary: z.array(id).default([]),
	last_reviewed: isoDate,
	practitioner_review: practitionerReview,
	// half-converted curriculum renders, but `npm run curriculum:check` refuses it (claims.ts).
	time_sensitive: z.array(timeSensitiveClaim).default([]),
	sources: z.array(source).min(1, 'needs at least one public source')
});
export type LessonFrontmatter = z.infer<typeof lessonFrontmatter>;

export const regionFrontmatter = z.strictObject({
	region: id,
	resources: z.array(id).default([]),
	last_reviewed: isoDate,
	sources: z.array(source).min(1, 'needs at least one public source')
});
export type RegionFrontmatter = z.infer<typeof regionFrontmatter>;

export const regionsFile = z.record(id, z.strictObject({ name: localizedText }));

export const themes = ['local-policies', 'against-criminalization', 'ice-out', 'individual-support'] as const;
export const resourceKinds = [
	'policy',
	'organization',
	'campaign',
	'toolkit',
	'legal-service',
	'directory',
	'hotline'
] as const;

/** A phone number as people dial it in the US, e.g. "1-800-898-7180" or "(212) 555-0100". */
const phoneNumber = z
	.string()
	.trim()
	.regex(/^\+?[0-9][0-9 ().-]{5,}[0-9]$/, 'must be a phone number written with digits, spaces, dashes, dots or brackets, e.g. "1-800-898-7180"');

export const resourceFile = z
	.strictObject({
		// A proper name ("Families for Freedom") is one string; a descriptive name gives the words in en and es.
		name: z.union([text, localizedText]),
		url: publicUrl,
		theme: z.enum(themes),
		kind: z.enum(resourceKinds),
		region: id,
		description: localizedText,
		phone: phoneNumber.optional(),
		address: text.optional(),
		// When a person last checked the phone number or street address against the organisation's own page.
		last_checked: isoDate.optional(),
		status_note: text.optional()
	})
	.refine((resource) => (resource.phone === undefined && resource.address === undefined) || resource.last_checked !== undefined, {
		message: 'is required when a resource gives a phone number or a street address: the date they were last checked',
		path: ['last_checked']
	});
export type ResourceFile = z.infer<typeof resourceFile>;

export const glossaryFile = z.strictObject({
	term: localizedText,
	definition: localizedText,
	sources: z.array(publicUrl).min(1, 'needs at least one public source')
});
export type GlossaryFile = z.infer<typeof glossaryFile>;

const choice = z.strictObject({ id, text: localizedText, correct: z.boolean().optional() });

const questionBase = { id, prompt: localizedText, explanation: localizedText };

export const question = z.discriminatedUnion(
	'type',
	[
		z.strictObject({
			...questionBase,
			type: z.literal('single'),
			choices: z.array(choice).min(2, 'needs at least 2 choices')
		}),
		z.strictObject({
			...questionBase,
			type: z.literal('multiple'),
			choices: z.array(choice).min(2, 'needs at least 2 choices')
		}),
		z.strictObject({ ...questionBase, type: z.literal('true_false'), answer: z.boolean() })
	],
	{ error: 'type must be single, multiple or true_false' }
);
export type Question = z.infer<typeof question>;

export const quizFile = z.strictObject({
	pass_mark: z.number().int().min(1).max(100).default(70),
	questions: z.array(question).min(4, 'needs 4 to 8 questions').max(8, 'needs 4 to 8 questions')
});
export type QuizFile = z.infer<typeof quizFile>;

/**
 * One entry of the public changelog, `curriculum/changes/<date>-<name>.yaml`: what changed for readers on that day,
 * in every language, and which lessons it touched (their ids; none for a change to the catalog or glossary).
 */
export const changeEntryFile = z.strictObject({
	date: isoDate,
	lessons: z.array(id).default([]),
	title: localizedText,
	changes: z.strictObject(
		{ en: z.array(text).min(1, 'needs at least one change'), es: z.array(text).min(1, 'needs at least one change') },
		{ error: 'must list the changes in en and es' }
	)
});
export type ChangeEntryFile = z.infer<typeof changeEntryFile>;
