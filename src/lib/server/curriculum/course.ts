import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { changeFileName, changelogProblems, newestFirst, type ChangeEntry } from './changelog';
import {
	changeEntryFile,
	glossaryFile,
	lessonFrontmatter,
	locales,
	moduleFile,
	quizFile,
	regionFrontmatter,
	regionsFile,
	resourceFile,
	type GlossaryFile,
	type LessonFrontmatter,
	type Locale,
	type LocalizedText,
	type QuizFile,
	type RegionFrontmatter,
	type ResourceFile
} from './schema';

// Builds the course from the text of every file under curriculum/, keyed by path ("/curriculum/…").
// Pure, so the server (through import.meta.glob) and `npm run curriculum:check` (through fs) share it.

export interface Problem {
	file: string;
	field?: string;
	message: string;
	level: 'error' | 'warning';
}

export interface LessonVariant extends LessonFrontmatter {
	file: string;
	locale: Locale;
}

export interface RegionSupplement extends RegionFrontmatter {
	file: string;
	locale: Locale;
}

export interface CourseLesson {
	id: string;
	slug: string;
	/** "module-slug/lesson-slug", the lesson's address under /learn. */
	path: string;
	folder: string;
	moduleId: string;
	moduleSlug: string;
	/** 1-based position within its module. */
	position: number;
	variants: Partial<Record<Locale, LessonVariant>>;
	/** Regional notes, by region code then locale. */
	supplements: Record<string, Partial<Record<Locale, RegionSupplement>>>;
	facilitatorNotes: Partial<Record<Locale, string>>;
}

export interface CourseModule {
	id: string;
	slug: string;
	folder: string;
	title: LocalizedText;
	summary: LocalizedText;
	lessons: CourseLesson[];
}

export interface Resource extends ResourceFile {
	id: string;
}

export interface GlossaryTerm extends GlossaryFile {
	id: string;
}

export interface Course {
	modules: CourseModule[];
	/** Every lesson in reading order. */
	lessons: CourseLesson[];
	resources: Map<string, Resource>;
	glossary: Map<string, GlossaryTerm>;
	regions: Map<string, { name: LocalizedText }>;
	/** Answer keys by lesson id. Server-only: never hand a quiz to a page as it is. */
	quizzes: Map<string, QuizFile>;
	/** The public changelog, newest first. */
	changes: ChangeEntry[];
	/** The workshop guide's file in each language (`curriculum/workshop-guide.<locale>.svx`), when written. */
	workshopGuide: Partial<Record<Locale, string>>;
}

const root = '/curriculum/';
const orderedFolder = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const yamlIdFile = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/;
const frontmatterBlock = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export function buildCourse(files: Record<string, string>): { course: Course; problems: Problem[] } {
	const problems: Problem[] = [];
	const report = (file: string, message: string, field?: string, level: Problem['level'] = 'error') =>
		problems.push({ file, field, message, level });

	function validate<T>(schema: z.ZodType<T>, value: unknown, file: string): T | undefined {
		const result = schema.safeParse(value);
		if (result.success) return result.data;
		for (const issue of result.error.issues) {
			report(file, issue.message, issue.path.length ? issue.path.join('.') : undefined);
		}
		return undefined;
	}

	function readYaml(file: string, text: string): unknown {
		try {
			return parseYaml(text);
		} catch (error) {
			report(file, `is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
			return undefined;
		}
	}

	function readFrontmatter(file: string, text: string): unknown {
		const block = frontmatterBlock.exec(text);
		if (!block) {
			report(file, 'must start with frontmatter between two --- lines');
			return undefined;
		}
		return readYaml(file, block[1]) ?? {};
	}

	const course: Course = {
		modules: [],
		lessons: [],
		resources: new Map(),
		glossary: new Map(),
		regions: new Map(),
		quizzes: new Map(),
		changes: [],
		workshopGuide: {}
	};

	const paths = Object.keys(files).sort();
	const modules = new Map<string, CourseModule>();
	const lessons = new Map<string, CourseLesson>();
	const quizzesByFolder = new Map<string, QuizFile>();
	const changes: ChangeEntry[] = [];

	for (const file of paths) {
		const relative = file.slice(root.length);
		const parts = relative.split('/');
		const text = files[file];

		if (relative === 'regions.yaml') {
			const regions = validate(regionsFile, readYaml(file, text), file);
			for (const [code, region] of Object.entries(regions ?? {})) course.regions.set(code, region);
			continue;
		}
		const guide = /^workshop-guide\.(en|es)\.svx$/.exec(relative);
		if (guide) {
			course.workshopGuide[guide[1] as Locale] = file;
			continue;
		}
		if (parts.length === 2 && parts[0] === 'changes') {
			if (!changeFileName.test(parts[1])) {
				report(file, 'file name must be the date, then lowercase words: YYYY-MM-DD-what-changed.yaml');
				continue;
			}
			const entry = validate(changeEntryFile, readYaml(file, text), file);
			if (entry) changes.push({ ...entry, id: parts[1].replace(/\.yaml$/, ''), file });
			continue;
		}
		if (parts.length === 2 && (parts[0] === 'resources' || parts[0] === 'glossary')) {
			const id = yamlIdFile.exec(parts[1])?.[1];
			if (!id) {
				report(file, 'file name must be a lowercase-hyphenated id ending in .yaml');
				continue;
			}
			if (parts[0] === 'resources') {
				const resource = validate(resourceFile, readYaml(file, text), file);
				if (resource) course.resources.set(id, { id, ...resource });
			} else {
				const term = validate(glossaryFile, readYaml(file, text), file);
				if (term) course.glossary.set(id, { id, ...term });
			}
			continue;
		}

		const moduleFolder = orderedFolder.exec(parts[0]);
		if (!moduleFolder || parts.length < 2) {
			report(file, 'is not where the curriculum expects a file (see docs/authoring.md)', undefined, 'warning');
			continue;
		}
		const module = getModule(parts[0], moduleFolder[2]);
		if (parts.length === 2) {
			if (parts[1] !== 'module.yaml') {
				report(file, 'is not a file a module folder holds (module.yaml)', undefined, 'warning');
				continue;
			}
			const data = validate(moduleFile, readYaml(file, text), file);
			if (data) Object.assign(module, data);
			continue;
		}

		const lessonFolder = orderedFolder.exec(parts[1]);
		if (!lessonFolder) {
			report(file, 'lesson folders are named NN-lowercase-words, e.g. 01-at-the-door');
			continue;
		}
		const lesson = getLesson(module, parts[1], lessonFolder[2]);
		const name = parts.slice(2).join('/');

		const variant = /^(en|es)\.svx$/.exec(name);
		const notes = /^facilitator\.(en|es)\.svx$/.exec(name);
		const supplement = /^regions\/([a-z0-9-]+)\.(en|es)\.svx$/.exec(name);
		if (variant) {
			const locale = variant[1] as Locale;
			const frontmatter = validate(lessonFrontmatter, readFrontmatter(file, text), file);
			if (frontmatter) lesson.variants[locale] = { ...frontmatter, file, locale };
		} else if (name === 'quiz.yaml') {
			const quiz = validate(quizFile, readYaml(file, text), file);
			if (quiz) {
				checkQuiz(file, quiz, report);
				quizzesByFolder.set(lesson.folder, quiz);
			}
		} else if (notes) {
			lesson.facilitatorNotes[notes[1] as Locale] = file;
		} else if (supplement) {
			const [, region, locale] = supplement;
			const frontmatter = validate(regionFrontmatter, readFrontmatter(file, text), file);
			if (frontmatter && frontmatter.region !== region) {
				report(file, `says region "${frontmatter.region}" but the file is named for "${region}"`, 'region');
			} else if (frontmatter) {
				lesson.supplements[region] ??= {};
				lesson.supplements[region][locale as Locale] = { ...frontmatter, file, locale: locale as Locale };
			}
		} else {
			report(file, 'is not a file a lesson folder holds (see docs/authoring.md)', undefined, 'warning');
		}
	}

	function getModule(folder: string, slug: string): CourseModule {
		let module = modules.get(folder);
		if (!module) {
			module = { id: '', slug, folder, title: { en: '', es: '' }, summary: { en: '', es: '' }, lessons: [] };
			modules.set(folder, module);
		}
		return module;
	}

	function getLesson(module: CourseModule, folder: string, slug: string): CourseLesson {
		const key = `${module.folder}/${folder}`;
		let lesson = lessons.get(key);
		if (!lesson) {
			lesson = {
				id: '',
				slug,
				path: `${module.slug}/${slug}`,
				folder: `${root}${key}/`,
				moduleId: '',
				moduleSlug: module.slug,
				position: 0,
				variants: {},
				supplements: {},
				facilitatorNotes: {}
			};
			lessons.set(key, lesson);
			module.lessons.push(lesson);
		}
		return lesson;
	}

	// Assemble in folder order, then check what only the whole course can tell.
	const seenModuleIds = new Set<string>();
	const seenLessonIds = new Set<string>();
	for (const module of [...modules.values()].sort((a, b) => a.folder.localeCompare(b.folder))) {
		const moduleYaml = `${root}${module.folder}/module.yaml`;
		if (!(moduleYaml in files)) report(moduleYaml, 'is missing: every module folder needs one');
		else if (module.id && seenModuleIds.has(module.id)) report(moduleYaml, `repeats the module id "${module.id}"`, 'id');
		seenModuleIds.add(module.id);

		module.lessons.sort((a, b) => a.folder.localeCompare(b.folder));
		const complete = module.lessons.filter((lesson) => {
			const english = lesson.variants.en;
			if (!english) {
				report(`${lesson.folder}en.svx`, 'is missing or invalid: every lesson needs its English text');
				return false;
			}
			lesson.id = english.id;
			lesson.moduleId = module.id;
			if (seenLessonIds.has(lesson.id)) report(english.file, `repeats the lesson id "${lesson.id}"`, 'id');
			seenLessonIds.add(lesson.id);
			return true;
		});
		module.lessons = complete;
		complete.forEach((lesson, index) => (lesson.position = index + 1));
		course.modules.push(module);
		course.lessons.push(...complete);
	}

	for (const lesson of course.lessons) {
		const quiz = quizzesByFolder.get(lesson.folder);
		if (quiz) course.quizzes.set(lesson.id, quiz);
	}

	for (const lesson of course.lessons) checkLesson(lesson);
	course.changes = newestFirst(changes);
	for (const problem of changelogProblems(course.changes, seenLessonIds)) report(problem.file, problem.message, problem.field);
	for (const resource of course.resources.values()) {
		if (course.regions.size > 0 && !course.regions.has(resource.region)) {
			report(`${root}resources/${resource.id}.yaml`, `names a region "${resource.region}" that curriculum/regions.yaml does not list`, 'region');
		}
	}

	function checkLesson(lesson: CourseLesson) {
		const english = lesson.variants.en!;
		const spanish = lesson.variants.es;
		if (!spanish) {
			report(`${lesson.folder}es.svx`, 'is missing: the lesson is shown in English to Spanish readers', undefined, 'warning');
		} else {
			for (const field of ['id', 'resources', 'glossary'] as const) {
				if (JSON.stringify(spanish[field]) !== JSON.stringify(english[field])) {
					report(spanish.file, `must be the same as in ${english.file}`, field);
				}
			}
		}
		for (const variant of [english, spanish]) {
			if (!variant) continue;
			checkReferences(variant.file, variant.resources, variant.glossary);
			checkLinks(variant.file, files[variant.file]);
		}
		for (const locale of locales) {
			if (!lesson.facilitatorNotes[locale]) {
				report(`${lesson.folder}facilitator.${locale}.svx`, 'is missing: facilitators have no notes for this lesson', undefined, 'warning');
			} else {
				checkLinks(lesson.facilitatorNotes[locale], files[lesson.facilitatorNotes[locale]]);
			}
		}
		if (!course.quizzes.has(lesson.id)) {
			report(`${lesson.folder}quiz.yaml`, 'is missing: the lesson has no quiz', undefined, 'warning');
		}
		for (const [region, byLocale] of Object.entries(lesson.supplements)) {
			if (!course.regions.has(region)) {
				report(Object.values(byLocale)[0]!.file, `names a region "${region}" that curriculum/regions.yaml does not list`, 'region');
			}
			for (const supplement of Object.values(byLocale)) {
				checkReferences(supplement.file, supplement.resources, []);
				checkLinks(supplement.file, files[supplement.file]);
			}
			if (!byLocale.en) report(`${lesson.folder}regions/${region}.en.svx`, 'is missing: a supplement needs its English text');
			if (!byLocale.es) report(`${lesson.folder}regions/${region}.es.svx`, 'is missing: shown in English to Spanish readers', undefined, 'warning');
		}
	}

	function checkReferences(file: string, resources: string[], glossary: string[]) {
		for (const id of resources) {
			if (!course.resources.has(id)) report(file, `names a resource "${id}" that curriculum/resources/ does not have`, 'resources');
		}
		for (const id of glossary) {
			if (!course.glossary.has(id)) report(file, `names a glossary term "${id}" that curriculum/glossary/ does not have`, 'glossary');
		}
	}

	function checkLinks(file: string, text: string) {
		for (const target of internalLinks(text)) {
			if (!isInternalTarget(course, target)) report(file, `links to "${target}", which is not a page of this site`, 'body');
		}
	}

	return { course, problems };
}

/** Every Markdown link target in `text` that starts with "/". */
export function internalLinks(text: string): string[] {
	return [...text.matchAll(/\]\((\/[^)\s]*)\)/g)].map((match) => match[1]);
}

function isInternalTarget(course: Course, target: string): boolean {
	const [path, anchor] = target.split('#');
	if (path === '/' || path === '/learn' || path === '/resources') return anchor === undefined;
	if (path === '/glossary') return anchor === undefined || course.glossary.has(anchor);
	const resource = /^\/resources\/([a-z0-9-]+)$/.exec(path);
	if (resource) return course.resources.has(resource[1]);
	const lesson = /^\/learn\/([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(path);
	if (lesson) return course.lessons.some((candidate) => candidate.path === `${lesson[1]}/${lesson[2]}`);
	return false;
}

function checkQuiz(file: string, quiz: QuizFile, report: (file: string, message: string, field?: string) => void) {
	const questionIds = new Set<string>();
	quiz.questions.forEach((question, index) => {
		const field = `questions.${index}`;
		if (questionIds.has(question.id)) report(file, `repeats the question id "${question.id}"`, `${field}.id`);
		questionIds.add(question.id);
		if (question.type === 'true_false') return;
		const choiceIds = new Set(question.choices.map((choice) => choice.id));
		if (choiceIds.size !== question.choices.length) report(file, 'has two choices with the same id', `${field}.choices`);
		const correct = question.choices.filter((choice) => choice.correct).length;
		if (correct === 0) report(file, 'has no correct choice', `${field}.choices`);
		if (question.type === 'single' && correct > 1) {
			report(file, `is a single-choice question with ${correct} correct choices`, `${field}.choices`);
		}
	});
}
