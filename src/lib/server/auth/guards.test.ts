import { isHttpError, isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { accessForRoute, authorize } from './guards';

const event = (routeId: string | null, locals: Partial<App.Locals> = {}) => ({
	route: { id: routeId },
	url: new URL('http://localhost/en/somewhere?x=1'),
	locals: { user: null, session: null, twoFactorEnrolmentRequired: false, learner: null, submissionKey: 'k', ...locals }
});

function thrownBy(run: () => void): unknown {
	try {
		run();
	} catch (thrown) {
		return thrown;
	}
	return undefined;
}

describe('accessForRoute', () => {
	it('reads the access a route declares from its first group folder', () => {
		expect(accessForRoute('/(public)/learn/[module=slug]/[lesson=slug]')).toBe('public');
		expect(accessForRoute('/(staff)/account')).toBe('staff');
		expect(accessForRoute('/(admin)/admin')).toBe('admin');
	});

	it('finds no access for a route outside the groups or in an unknown group', () => {
		expect(accessForRoute('/secret')).toBeUndefined();
		expect(accessForRoute('/(staf)/account')).toBeUndefined();
	});
});

describe('authorize', () => {
	it('refuses a route that declares no access group with 403', () => {
		const thrown = thrownBy(() => authorize(event('/undeclared')));
		expect(isHttpError(thrown) && thrown.status).toBe(403);
	});

	it('sends an anonymous visitor of a staff page to the login, remembering where they were going', () => {
		const thrown = thrownBy(() => authorize(event('/(staff)/account')));
		expect(isRedirect(thrown) && thrown.location).toBe('/en/login?next=%2Fen%2Fsomewhere%3Fx%3D1');
	});

	it('lets anyone through a public route and leaves 404s to SvelteKit', () => {
		expect(thrownBy(() => authorize(event('/(public)/me')))).toBeUndefined();
		expect(thrownBy(() => authorize(event(null)))).toBeUndefined();
	});
});
