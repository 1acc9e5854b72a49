import { getLocale } from '$lib/paraglide/runtime';
import * as reader from '$lib/server/curriculum/reader';
import { database } from '$lib/server/db';
import * as progress from '$lib/server/progress/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const standings = locals.learner ? await progress.forLearner(database(), locals.learner.id) : new Map();
	return {
		modules: reader.listModules(getLocale()).map((module) => ({
			...module,
			lessons: module.lessons.map((lesson) => ({ ...lesson, state: progress.standingIn(standings, lesson.id).state }))
		}))
	};
};
