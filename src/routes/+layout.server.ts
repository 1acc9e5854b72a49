import type { LayoutServerLoad } from './$types';

// Only what the header needs: never the session or the learner.
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user && locals.session ? { displayName: locals.user.displayName, role: locals.user.role } : null
});
