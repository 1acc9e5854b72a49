import { fail } from '@sveltejs/kit';
import * as accounts from '$lib/server/auth/accounts';
import { requireAdmin } from '$lib/server/auth/guards';
import * as links from '$lib/server/auth/links';
import { database } from '$lib/server/db';
import { badRequest, readForm, textField } from '$lib/server/http/forms';
import * as settings from '$lib/server/settings/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireAdmin(event);
	const db = database();
	return {
		facilitators: await accounts.listFacilitators(db),
		invites: await links.listInvites(db),
		settings: await settings.read(db),
		retentionLimits: settings.retentionLimits,
		now: new Date()
	};
};

/** The `userId` or `inviteId` field of a form, or a 400. */
async function readId(request: Request, name: string) {
	const form = await readForm(request);
	if (!form) return undefined;
	const id = textField(form, name, { max: 64 });
	return id.problem ? undefined : id.value;
}

function inviteUrl(url: URL, token: string): string {
	return `${url.origin}/invite/${token}`;
}

export const actions: Actions = {
	invite: async (event) => {
		const { user } = requireAdmin(event);
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const email = textField(form, 'email', { max: 254 });
		if (email.problem) return fail(400, { inviteEmail: email.value, inviteProblem: email.problem });
		if (!accounts.checkEmail(accounts.normalizeEmail(email.value))) {
			return fail(400, { inviteEmail: email.value, inviteProblem: 'email_invalid' });
		}
		const { token } = await links.createInvite(database(), user.id, email.value);
		return { invited: { email: accounts.normalizeEmail(email.value), url: inviteUrl(event.url, token) } };
	},

	reinvite: async (event) => {
		const { user } = requireAdmin(event);
		const inviteId = await readId(event.request, 'inviteId');
		if (!inviteId) return badRequest();
		const renewed = await links.reinvite(database(), inviteId, user.id);
		if (!renewed) return fail(404, { problem: 'invalid' });
		return { invited: { email: renewed.email, url: inviteUrl(event.url, renewed.token) } };
	},

	deactivate: async (event) => {
		requireAdmin(event);
		const userId = await readId(event.request, 'userId');
		if (!userId) return badRequest();
		if (!(await accounts.deactivateFacilitator(database(), userId))) return fail(404, { problem: 'invalid' });
		return {};
	},

	reactivate: async (event) => {
		requireAdmin(event);
		const userId = await readId(event.request, 'userId');
		if (!userId) return badRequest();
		if (!(await accounts.reactivateFacilitator(database(), userId))) return fail(404, { problem: 'invalid' });
		return {};
	},

	settings: async (event) => {
		requireAdmin(event);
		const form = await readForm(event.request);
		if (!form) return badRequest();
		// A retention field left out of the form keeps its value; one given must be a whole number in its range.
		const numbers: Partial<Record<keyof typeof settings.retentionLimits, number>> = {};
		for (const name of ['workshopRetentionHours', 'learnerRetentionDays'] as const) {
			if (form.get(name) === null) continue;
			const value = Number(textField(form, name, { max: 6 }).value);
			const { min, max } = settings.retentionLimits[name];
			if (!Number.isInteger(value) || value < min || value > max) return fail(400, { retentionProblem: name });
			numbers[name] = value;
		}
		await settings.update(database(), { requireTwoFactor: form.get('requireTwoFactor') === 'on', ...numbers });
		return { settingsSaved: true };
	}
};
