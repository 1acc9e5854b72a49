import { error, fail } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import * as reader from '$lib/server/curriculum/reader';
import { database } from '$lib/server/db';
import { badRequest, readForm, textField } from '$lib/server/http/forms';
import * as learners from '$lib/server/learners/learners';
import * as progress from '$lib/server/progress/progress';
import * as quizzes from '$lib/server/quizzes/quizzes';
import { roomToReturnTo } from '$lib/server/workshops/participant';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const region = url.searchParams.get('region') ?? undefined;
	const lesson = await reader.readLesson(params.module, params.lesson, getLocale(), region);
	if (!lesson) error(404, 'Lesson not found');
	const standings = locals.learner ? await progress.forLearner(database(), locals.learner.id) : new Map();
	return {
		lesson,
		region: lesson.supplement?.region ?? '',
		quiz: quizzes.publicQuiz(lesson.id, getLocale()) ?? null,
		standing: progress.standingIn(standings, lesson.id),
		completedInModule: lesson.moduleLessonIds.filter((id) => progress.standingIn(standings, id).state === 'completed').length,
		// Each rendering of the quiz gets its own key: resending this same form counts once.
		submissionKey: locals.submissionKey,
		room: await roomToReturnTo(url.searchParams.get('room'), locals.learner?.id)
	};
};

function lessonIdOf(params: { module: string; lesson: string }): string {
	const lessonId = reader.findLessonId(params.module, params.lesson);
	if (!lessonId) error(404, 'Lesson not found');
	return lessonId;
}

export const actions: Actions = {
	answer: async (event) => {
		const lessonId = lessonIdOf(event.params);
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const key = textField(form, 'submissionKey', { max: 64 });
		if (key.problem || !/^[A-Za-z0-9_-]{16,64}$/.test(key.value)) return fail(400, { problem: 'invalid' as const });
		const result = quizzes.grade(lessonId, quizzes.answersFromForm(lessonId, form));
		if (!result) error(404, 'This lesson has no quiz');

		const db = database();
		const learner = await learners.ensureForRequest(db, event);
		const recorded = await progress.recordAttempt(db, {
			learnerId: learner.id,
			lessonId,
			submissionKey: key.value,
			result,
			questionVersions: quizzes.questionVersions(lessonId)
		});
		return { graded: quizzes.feedback(lessonId, recorded.result, getLocale()) };
	},

	read: async (event) => {
		const lessonId = lessonIdOf(event.params);
		const db = database();
		const learner = await learners.ensureForRequest(db, event);
		await progress.markRead(db, learner.id, lessonId);
		return { read: true };
	}
};
