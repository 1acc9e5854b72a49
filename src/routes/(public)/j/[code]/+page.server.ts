import { fail, redirect } from '@sveltejs/kit';
import * as throttle from '$lib/server/auth/throttle';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import { sentByAnotherSite } from '$lib/server/http/fetch-metadata';
import { badRequest, readForm, textField } from '$lib/server/http/forms';
import * as learners from '$lib/server/learners/learners';
import { cleanDisplayName, displayNameLimits } from '$lib/server/display-name';
import { normalizeJoinCode } from '$lib/server/workshops/rules';
import * as workshops from '$lib/server/workshops/workshops';
import type { Actions, PageServerLoad } from './$types';

// The short address on the screen and in the QR code. Someone who already joined goes straight back in.

/** A code that opens no workshop, or a network that has tried too many, goes back to the form, which says which. */
function joinableOrBack(found: workshops.JoinLookup) {
	if ('retryAt' in found) redirect(303, `${localizeHref('/join')}?wait=${throttle.minutesUntil(found.retryAt)}`);
	if ('wrong' in found) redirect(303, `${localizeHref('/join')}?wrong=1`);
	return found.workshop;
}
export const load: PageServerLoad = async ({ params, locals, getClientAddress, request }) => {
	// An image or frame on another site pointing here looks nothing up, so it counts no wrong code either.
	if (sentByAnotherSite(request)) redirect(303, localizeHref('/join'));
	const db = database();
	const workshop = joinableOrBack(await workshops.findJoinableFor(db, normalizeJoinCode(params.code), getClientAddress()));
	if (locals.learner && (await workshops.participantOf(db, workshop.id, locals.learner.id))) {
		redirect(303, localizeHref(`/w/${workshop.id}`));
	}
	return { title: workshop.title, joiningOpen: workshop.joiningOpen };
};

export const actions: Actions = {
	default: async (event) => {
		// The form first: a body refused unread spends no try of the code.
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const typed = textField(form, 'displayName', { max: 200, required: false });
		if (typed.problem) return fail(400, { problem: typed.problem });
		const db = database();
		const workshop = joinableOrBack(await workshops.findJoinableFor(db, normalizeJoinCode(event.params.code), event.getClientAddress()));
		const learner = await learners.ensureForRequest(db, event);
		try {
			await workshops.join(db, workshop.id, learner.id, {
				displayName: cleanDisplayName(typed.value, displayNameLimits.participant),
				isGroup: form.get('group') === 'on',
				locale: getLocale()
			});
		} catch (error) {
			// Ended while the form was being filled in: as if the code had been wrong.
			if (error instanceof workshops.WorkshopClosedError) redirect(303, `${localizeHref('/join')}?wrong=1`);
			if (error instanceof workshops.JoiningClosedError) return fail(403, { problem: 'joining_closed' });
			throw error;
		}
		redirect(303, localizeHref(`/w/${workshop.id}`));
	}
};
