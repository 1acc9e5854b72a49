import { readPreferences } from '$lib/server/http/preferences';
import type { LayoutServerLoad } from './$types';

// Only what the header and footer need: never the session or the learner.
export const load: LayoutServerLoad = ({ locals, cookies }) => ({
	user: locals.user && locals.session ? { displayName: locals.user.displayName, role: locals.user.role } : null,
	preferences: readPreferences(cookies)
});
