import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from './session';

// Deny by default: every route sits in a group that names who may use it, and routes outside a group are refused.
// Each load and action also calls its guard, so that a page never relies on a layout or a hook alone.

export const accessLevels = ['public', 'session', 'staff', 'admin'] as const;
export type Access = (typeof accessLevels)[number];

/** The access a route declares through its group folder, e.g. "/(staff)/account" → "staff". */
export function accessForRoute(routeId: string): Access | undefined {
	const group = /^\/\(([a-z-]+)\)/.exec(routeId)?.[1];
	return accessLevels.find((level) => level === group);
}

type AuthorizationEvent = Pick<RequestEvent, 'locals' | 'url'> & { route: { id: string | null } };

function loginRedirect(event: AuthorizationEvent): never {
	const next = event.url.pathname + event.url.search;
	redirect(303, `${localizeHref('/login')}?next=${encodeURIComponent(next)}`);
}

/** A signed-in user, second factor or not: for the second-factor step itself and logging out. */
export function requireSession(event: AuthorizationEvent): { user: SessionUser; session: Session } {
	const { user, session } = event.locals;
	if (!user || !session) loginRedirect(event);
	return { user, session };
}

/** A facilitator or admin who has passed every factor their account and the organization ask for. */
export function requireStaff(event: AuthorizationEvent): { user: SessionUser; session: Session } {
	const { user, session } = requireSession(event);
	if (user.hasTwoFactor && !session.twoFactorVerified) redirect(303, localizeHref('/login/two-factor'));
	if (event.locals.twoFactorEnrolmentRequired && event.route.id !== '/(staff)/account/two-factor') {
		redirect(303, localizeHref('/account/two-factor'));
	}
	return { user, session };
}

export function requireAdmin(event: AuthorizationEvent): { user: SessionUser; session: Session } {
	const signedIn = requireStaff(event);
	if (signedIn.user.role !== 'admin') error(403, 'Only admins can use this page');
	return signedIn;
}

/** Applies the route's declared access; a route that declares none is refused. */
export function authorize(event: AuthorizationEvent): void {
	if (event.route.id === null) return; // Not a route: SvelteKit answers 404.
	const access = accessForRoute(event.route.id);
	if (access === undefined) error(403, 'This route declares no access group');
	if (access === 'session') requireSession(event);
	if (access === 'staff') requireStaff(event);
	if (access === 'admin') requireAdmin(event);
}
