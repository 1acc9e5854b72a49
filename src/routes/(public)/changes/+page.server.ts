import { getLocale } from '$lib/paraglide/runtime';
import * as reader from '$lib/server/curriculum/reader';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ changes: reader.listChanges(getLocale()) });
