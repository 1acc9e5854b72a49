import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import * as reader from '$lib/server/curriculum/reader';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const resource = reader.readResource(params.id, getLocale());
	if (!resource) error(404, 'Resource not found');
	return { resource };
};
