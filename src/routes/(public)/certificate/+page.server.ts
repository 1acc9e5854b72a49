import { getLocale } from '$lib/paraglide/runtime';
import * as reader from '$lib/server/curriculum/reader';
import { database } from '$lib/server/db';
import * as progress from '$lib/server/progress/progress';
import type { PageServerLoad } from './$types';

// Certificates for the whole course and for each module, from the learner's own progress. The name printed on
// one is typed in the browser and never sent here.
export const load: PageServerLoad = async ({ locals, url }) => {
	const standings = locals.learner ? await progress.forLearner(database(), locals.learner.id) : new Map();
	const modules = reader.listModules(getLocale()).map((module) => ({
		slug: module.slug,
		title: module.title,
		total: module.lessons.length,
		completed: module.lessons.filter((lesson) => progress.standingIn(standings, lesson.id).state === 'completed').length
	}));
	const chosen = modules.find((module) => module.slug === url.searchParams.get('module'));
	return {
		modules,
		certificate: chosen
			? { title: chosen.title, earned: chosen.completed === chosen.total }
			: { title: null, earned: modules.every((module) => module.completed === module.total) }
	};
};
