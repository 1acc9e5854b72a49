import type { Component } from 'svelte';
import { render } from 'svelte/server';
import { localizeHref } from '$lib/paraglide/runtime';
import { buildCourse, type CourseLesson, type Problem } from './course';
import type { Locale } from './schema';

// The whole curriculum is read once, at module scope, from the files bundled with the server. Lesson bodies are
// rendered here, on the server, so the browser receives HTML and never a lesson's component or its quiz.
const sources = import.meta.glob<string>(['/curriculum/**/*.svx', '/curriculum/**/*.yaml'], {
	query: '?raw',
	import: 'default',
	eager: true
});
const components = import.meta.glob<Component>('/curriculum/**/*.svx', { import: 'default' });

const built = buildCourse(sources);
const errors = built.problems.filter((problem) => problem.level === 'error');
if (errors.length > 0) {
	throw new Error(`The curriculum has ${errors.length} error(s):\n${errors.map(formatProblem).join('\n')}`);
}

export const course = built.course;

export function formatProblem(problem: Problem): string {
	return `${problem.level}: ${problem.file.replace(/^\//, '')}${problem.field ? ` [${problem.field}]` : ''}: ${problem.message}`;
}

export function findLesson(moduleSlug: string, lessonSlug: string): CourseLesson | undefined {
	return course.lessons.find((lesson) => lesson.path === `${moduleSlug}/${lessonSlug}`);
}

/** Renders an mdsvex file to HTML, with its site links pointing at the reader's language. */
export async function renderFile(file: string, locale: Locale): Promise<string> {
	const load = components[file];
	if (!load) throw new Error(`No curriculum file ${file}`);
	const { body } = render(await load());
	return body.replace(/href="(\/[^"]*)"/g, (_, href: string) => `href="${localizeHref(href, { locale })}"`);
}
