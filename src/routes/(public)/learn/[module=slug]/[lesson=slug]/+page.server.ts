import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import * as reader from '$lib/server/curriculum/reader';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url }) => {
	const region = url.searchParams.get('region') ?? undefined;
	const lesson = await reader.readLesson(params.module, params.lesson, getLocale(), region);
	if (!lesson) error(404, 'Lesson not found');
	return { lesson, region: lesson.supplement?.region ?? '' };
};
