import { getLocale } from '$lib/paraglide/runtime';
import { privacyNotice } from '$lib/server/privacy/notice';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ notice: privacyNotice(getLocale()) });
