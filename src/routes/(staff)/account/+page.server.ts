import { fail } from '@sveltejs/kit';
import * as accounts from '$lib/server/auth/accounts';
import { requireStaff } from '$lib/server/auth/guards';
import * as session from '$lib/server/auth/session';
import { database } from '$lib/server/db';
import { badRequest, readForm, textField } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user, session: current } = requireStaff(event);
	const sessions = await session.listUserSessions(database(), user.id);
	return {
		account: { displayName: user.displayName, email: user.email, role: user.role, hasTwoFactor: user.hasTwoFactor },
		sessions: sessions.map((row) => ({ ...row, current: row.id === current.id }))
	};
};

export const actions: Actions = {
	changePassword: async (event) => {
		const { user, session: current } = requireStaff(event);
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const currentPassword = textField(form, 'currentPassword', { max: 1024, trim: false });
		const newPassword = textField(form, 'newPassword', { max: 1024, trim: false });
		if (currentPassword.problem || newPassword.problem) {
			return fail(400, { passwordProblems: { currentPassword: currentPassword.problem, newPassword: newPassword.problem } });
		}
		const result = await accounts.changePassword(database(), {
			userId: user.id,
			currentPassword: currentPassword.value,
			newPassword: newPassword.value,
			keepSessionId: current.id,
			endOtherSessions: form.get('endOtherSessions') === 'on'
		});
		if (!result.ok) {
			const field = result.problem === 'wrong_password' || result.problem === 'throttled' ? 'currentPassword' : 'newPassword';
			return fail(400, { passwordProblems: { [field]: result.problem } });
		}
		return { passwordChanged: true };
	},

	revokeSession: async (event) => {
		const { user } = requireStaff(event);
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const sessionId = textField(form, 'sessionId', { max: 64 });
		if (sessionId.problem) return fail(400, { problem: sessionId.problem });
		// Only the user's own sessions: another user's id matches nothing.
		const own = await session.listUserSessions(database(), user.id);
		if (own.some((row) => row.id === sessionId.value)) await session.invalidateSession(database(), sessionId.value);
		return { sessionRevoked: true };
	}
};
