import { fail, redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import { badRequest, readForm, textField } from '$lib/server/http/forms';
import { requireParticipant } from '$lib/server/workshops/participant';
import * as workshops from '$lib/server/workshops/workshops';
import type { Actions, PageServerLoad } from './$types';

// A participant's phone in the room: the current lesson, the open question, and the tally once revealed.
export const load: PageServerLoad = async (event) => {
	const { workshop, participant } = await requireParticipant(event);
	return {
		chrome: 'room' as const,
		workshopId: workshop.id,
		room: await workshops.room(database(), workshop.id, getLocale(), { kind: 'participant', participantId: participant.id })
	};
};

export const actions: Actions = {
	answer: async (event) => {
		const { workshop, participant } = await requireParticipant(event);
		if (participant.removed) return fail(403, { problem: 'invalid' as const });
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const questionId = textField(form, 'questionId', { max: 64 });
		if (questionId.problem) return fail(400, { problem: questionId.problem });
		const chosen = form.getAll('choice').filter((value): value is string => typeof value === 'string' && value.length <= 64);
		const outcome = await workshops.answer(database(), workshop, participant.id, { questionId: questionId.value, chosen });
		// A refusal says which question it refused: the page is not reloaded between questions, and the next one must
		// not find this one's message. A recorded answer shows in the room itself; the redirect keeps Back and reload
		// from sending the form again.
		if (outcome === 'not_open') return fail(409, { closed: true, questionId: questionId.value });
		if (outcome === 'no_choice') return fail(400, { noChoice: true, questionId: questionId.value });
		redirect(303, localizeHref(`/w/${workshop.id}`));
	}
};
