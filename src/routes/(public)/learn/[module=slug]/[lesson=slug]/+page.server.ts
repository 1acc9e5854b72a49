import { error, fail } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import * as reader from '$lib/server/curriculum/reader';
import { badRequest, readForm } from '$lib/server/http/forms';
import * as quizzes from '$lib/server/quizzes/quizzes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const region = url.searchParams.get('region') ?? undefined;
	const lesson = await reader.readLesson(params.module, params.lesson, getLocale(), region);
	if (!lesson) error(404, 'Lesson not found');
	return { lesson, region: lesson.supplement?.region ?? '', quiz: quizzes.publicQuiz(lesson.id, getLocale()) ?? null };
};

export const actions: Actions = {
	answer: async ({ params, request }) => {
		const lesson = reader.findLessonId(params.module, params.lesson);
		if (!lesson) error(404, 'Lesson not found');
		const form = await readForm(request);
		if (!form) return badRequest();
		const graded = quizzes.grade(lesson, quizzes.answersFromForm(lesson, form), getLocale());
		if (!graded) return fail(404, { problem: 'invalid' as const });
		return { graded };
	}
};
