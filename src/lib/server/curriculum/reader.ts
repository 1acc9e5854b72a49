import { course, findLesson, renderFile } from './index';
import type { Locale } from './schema';

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

	return {
		id: lesson.id,
		path: lesson.path,
		locale: text.locale,
		translated: text.locale === locale,
		module: { slug: module.slug, title: module.title[locale] },
		position: lesson.position,
		lessonsInModule: module.lessons.length,
		title: text.title,
		summary: text.summary,
		objectives: text.objectives,
		minutes: text.minutes.self_paced,
		lastReviewed: text.last_reviewed,
		timeSensitive: text.time_sensitive,
		sources: text.sources,
		html: await renderFile(text.file, locale),
		resources: text.resources.map((id) => resourceView(id, locale)),
		glossary: text.glossary.map((id) => {
			const term = course.glossary.get(id)!;
			return { id, term: term.term[locale], definition: term.definition[locale] };
		}),
		regions: [...course.regions].map(([code, { name }]) => ({
			code,
			name: name[locale],
			hasNotes: code in lesson.supplements
		})),
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

function resourceView(id: string, locale: Locale) {
	const resource = course.resources.get(id)!;
	return { id, name: resource.name, url: resource.url, description: resource.description[locale] };
}

/** The resource catalog grouped by theme, each resource with the lessons that cite it. */
export function listResources(locale: Locale) {
	const citedBy = new Map<string, LessonLink[]>();
	for (const lesson of course.lessons) {
		const text = lesson.variants[locale] ?? lesson.variants.en!;
		const ids = new Set([...text.resources, ...Object.values(lesson.supplements).flatMap((s) => s.en?.resources ?? [])]);
		for (const id of ids) {
			if (!citedBy.has(id)) citedBy.set(id, []);
			citedBy.get(id)!.push({ path: lesson.path, title: text.title });
		}
	}
	return [...course.resources.values()]
		.sort((a, b) => a.name.localeCompare(b.name, locale))
		.map((resource) => ({
			...resourceView(resource.id, locale),
			theme: resource.theme,
			kind: resource.kind,
			region: resource.region,
			lessons: citedBy.get(resource.id) ?? []
		}));
}

export function listGlossary(locale: Locale) {
	return [...course.glossary.values()]
		.map((term) => ({ id: term.id, term: term.term[locale], definition: term.definition[locale] }))
		.sort((a, b) => a.term.localeCompare(b.term, locale));
}
