import { course, findLesson, renderFile } from './index';
import type { Locale } from './schema';
import { m } from '$lib/paraglide/messages';
import { bodyWithNotices, placeClaims } from './sections';
import type { TimeSensitiveClaim } from './schema';

// What the reader's pages show, in the reader's language. Everything returned here is safe to send to a browser.

export interface LessonLink {
	path: string;
	title: string;
}

/** The modules with their lessons' titles and summaries: no bodies, so the home page stays light. */
export function listModules(locale: Locale) {
	return course.modules.map((module) => ({
		slug: module.slug,
		title: module.title[locale],
		summary: module.summary[locale],
		lessons: module.lessons.map((lesson) => {
			const text = lesson.variants[locale] ?? lesson.variants.en!;
			return {
				id: lesson.id,
				path: lesson.path,
				title: text.title,
				summary: text.summary,
				minutes: text.minutes.self_paced,
				translated: text.locale === locale
			};
		})
	}));
}

export type ModuleListing = ReturnType<typeof listModules>;

/** One lesson page, or undefined when no lesson has that address. */
export async function readLesson(moduleSlug: string, lessonSlug: string, locale: Locale, region?: string) {
	const lesson = findLesson(moduleSlug, lessonSlug);
	if (!lesson) return undefined;
	const text = lesson.variants[locale] ?? lesson.variants.en!;
	const module = course.modules.find((candidate) => candidate.id === lesson.moduleId)!;
	const index = course.lessons.indexOf(lesson);
	const link = (neighbour: typeof lesson | undefined): LessonLink | undefined =>
		neighbour && { path: neighbour.path, title: (neighbour.variants[locale] ?? neighbour.variants.en!).title };

	const regionNotes = region ? lesson.supplements[region] : undefined;
	const supplement = regionNotes?.[locale] ?? regionNotes?.en;
	const claims = text.time_sensitive;
	const placed = placeClaims(await renderFile(text.file, locale), claims);
	const notice = (claims: TimeSensitiveClaim[]) => claimNotice(claims, locale, text.locale);

	return {
		id: lesson.id,
		path: lesson.path,
		locale: text.locale,
		translated: text.locale === locale,
		module: { slug: module.slug, title: module.title[locale] },
		position: lesson.position,
		lessonsInModule: module.lessons.length,
		moduleLessonIds: module.lessons.map((sibling) => sibling.id),
		title: text.title,
		summary: text.summary,
		objectives: text.objectives,
		minutes: text.minutes.self_paced,
		lastReviewed: text.last_reviewed,
		/** `none`, or who in legal practice reviewed this text and when: shown as it is, never softened. */
		practitionerReview: text.practitioner_review,
		sources: text.sources,
		/** The body, each time-sensitive claim shown under the `##` heading of its section. */
		// Claims that name no section close the body in a notice of their own.
		body: bodyWithNotices(placed.sections, notice) + (placed.unplaced.length ? notice(placed.unplaced) : ''),
		resources: text.resources.map((id) => resourceView(id, locale)),
		glossary: text.glossary.map((id) => {
			const term = course.glossary.get(id)!;
			return { id, term: term.term[locale], definition: term.definition[locale] };
		}),
		regions: Object.keys(lesson.supplements).map((code) => ({ code, name: course.regions.get(code)!.name[locale] })),
		supplement: supplement && {
			region: supplement.region,
			regionName: course.regions.get(supplement.region)!.name[locale],
			html: await renderFile(supplement.file, locale),
			resources: supplement.resources.map((id) => resourceView(id, locale))
		},
		previous: link(course.lessons[index - 1]),
		next: link(course.lessons[index + 1])
	};
}

export type LessonPage = NonNullable<Awaited<ReturnType<typeof readLesson>>>;

/** The stable id of the lesson at an address, or undefined. */
export function findLessonId(moduleSlug: string, lessonSlug: string): string | undefined {
	return findLesson(moduleSlug, lessonSlug)?.id;
}

/** A lesson's facilitator notes in the reader's language (English when not translated), for staff pages only. */
export async function readFacilitatorNotes(moduleSlug: string, lessonSlug: string, locale: Locale) {
	const lesson = findLesson(moduleSlug, lessonSlug);
	if (!lesson) return undefined;
	const text = lesson.variants[locale] ?? lesson.variants.en!;
	const file = lesson.facilitatorNotes[locale] ?? lesson.facilitatorNotes.en;
	return {
		path: lesson.path,
		title: text.title,
		minutes: text.minutes.workshop,
		html: file ? await renderFile(file, locale) : undefined
	};
}

/** A resource as every page shows it: with its phone, street address and the date those were last checked, if any. */
function resourceView(id: string, locale: Locale) {
	const resource = course.resources.get(id)!;
	return {
		id,
		name: typeof resource.name === 'string' ? resource.name : resource.name[locale],
		url: resource.url,
		description: resource.description[locale],
		phone: resource.phone,
		address: resource.address,
		lastChecked: resource.last_checked
	};
}

/** The lessons that cite a resource, in the lesson text or in a regional supplement. */
function lessonsCiting(resourceId: string, locale: Locale): LessonLink[] {
	return course.lessons
		.filter(
			(lesson) =>
				lesson.variants.en!.resources.includes(resourceId) ||
				Object.values(lesson.supplements).some((supplement) => supplement.en?.resources.includes(resourceId))
		)
		.map((lesson) => ({ path: lesson.path, title: (lesson.variants[locale] ?? lesson.variants.en!).title }));
}

function resourceDetails(id: string, locale: Locale) {
	const resource = course.resources.get(id)!;
	return {
		...resourceView(id, locale),
		theme: resource.theme,
		kind: resource.kind,
		region: course.regions.get(resource.region)?.name[locale] ?? resource.region,
		lessons: lessonsCiting(id, locale)
	};
}

/** The resource catalog, each resource with the lessons that cite it. */
export function listResources(locale: Locale) {
	return [...course.resources.keys()]
		.map((id) => resourceDetails(id, locale))
		.sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** One resource with the lessons that cite it, or undefined. */
export function readResource(id: string, locale: Locale) {
	return course.resources.has(id) ? resourceDetails(id, locale) : undefined;
}

export function listGlossary(locale: Locale) {
	return [...course.glossary.values()]
		.map((term) => ({ id: term.id, term: term.term[locale], definition: term.definition[locale] }))
		.sort((a, b) => a.term.localeCompare(b.term, locale));
}

function lessonById(id: string) {
	return course.lessons.find((lesson) => lesson.id === id);
}

/** A workshop's agenda with each lesson's workshop time and facilitator notes, for the printable guide. */
export async function facilitatorGuide(agenda: string[], locale: Locale) {
	return Promise.all(
		agenda.map(async (id) => {
			const lesson = lessonById(id)!;
			const text = lesson.variants[locale] ?? lesson.variants.en!;
			const notes = lesson.facilitatorNotes[locale] ?? lesson.facilitatorNotes.en;
			return { id, title: text.title, minutes: text.minutes.workshop, notesHtml: notes ? await renderFile(notes, locale) : null };
		})
	);
}

/**
 * What participants take home: each lesson's key points, every resource the lessons name (with its address
 * printed), and the know-your-rights lesson's points whether or not it was taught.
 */
export function participantHandout(agenda: string[], locale: Locale) {
	const textOf = (id: string) => {
		const lesson = lessonById(id);
		return lesson && (lesson.variants[locale] ?? lesson.variants.en!);
	};
	const lessons = agenda.map((id) => ({ id, title: textOf(id)!.title, points: textOf(id)!.objectives }));
	const resourceIds = [...new Set(agenda.flatMap((id) => textOf(id)!.resources))];
	const rights = textOf('know-your-rights');
	return {
		lessons,
		resources: resourceIds.map((id) => resourceView(id, locale)),
		rights: rights ? { title: rights.title, points: rights.objectives } : null
	};
}

/** The public changelog, newest first, in the reader's language, each entry with links to the lessons it changed. */
export function listChanges(locale: Locale) {
	return course.changes.map((entry) => ({
		id: entry.id,
		date: entry.date,
		title: entry.title[locale],
		changes: entry.changes[locale],
		lessons: entry.lessons.map((id) => {
			const lesson = lessonById(id)!;
			return { path: lesson.path, title: (lesson.variants[locale] ?? lesson.variants.en!).title };
		})
	}));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The notice beside a passage whose law changes fast: each claim, when it was last checked, and its source. */
function claimNotice(claims: TimeSensitiveClaim[], locale: Locale, textLocale: Locale): string {
	const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
	const items = claims.map(
		(claim) =>
			`<li lang="${textLocale}">${escapeHtml(claim.claim)} ` +
			`<span lang="${locale}">${escapeHtml(m.claim_last_checked({ date: day.format(new Date(claim.checked)) }, { locale }))}</span> ` +
			`<a href="${escapeHtml(claim.source)}" rel="external noopener" lang="${locale}">${escapeHtml(m.claim_source({}, { locale }))}</a></li>`
	);
	return (
		`<aside class="notice claim-notice" aria-label="${escapeHtml(m.claim_notice_label({}, { locale }))}" lang="${locale}">` +
		`<p><strong>${escapeHtml(m.claim_changes_fast({}, { locale }))}</strong></p><ul>${items.join('')}</ul></aside>`
	);
}
