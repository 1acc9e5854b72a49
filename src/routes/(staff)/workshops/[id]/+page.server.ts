import { fail, redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import * as reader from '$lib/server/curriculum/reader';
import { database } from '$lib/server/db';
import { badRequest, readForm, textField } from '$lib/server/http/forms';
import * as quizzes from '$lib/server/quizzes/quizzes';
import { renderQrSvg } from '$lib/server/qr';
import { requireOwnWorkshop } from '$lib/server/workshops/guard';
import * as workshops from '$lib/server/workshops/workshops';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { workshop } = await requireOwnWorkshop(event);
	const locale = getLocale();
	const db = database();
	const room = await workshops.room(db, workshop.id, locale, { kind: 'facilitator' });
	const [moduleSlug, lessonSlug] = room.lesson.path.split('/');
	const joinUrl = workshop.joinCode ? `${event.url.origin}/j/${workshop.joinCode}` : null;
	return {
		workshopId: workshop.id,
		room,
		people: await workshops.participants(db, workshop.id),
		questions: quizzes.publicQuiz(room.lesson.id, locale)?.questions ?? [],
		notes: (await reader.readFacilitatorNotes(moduleSlug, lessonSlug, locale))?.html ?? null,
		joinUrl,
		joinQr: joinUrl ? renderQrSvg(joinUrl, `QR code for ${joinUrl}`) : null
	};
};

type OwnWorkshop = Awaited<ReturnType<typeof requireOwnWorkshop>>['workshop'];

/** Runs one change of the room for the workshop's own facilitator. */
function roomAction(change: (form: FormData, workshop: OwnWorkshop) => Promise<unknown>) {
	return async (event: Parameters<Actions[string]>[0]) => {
		const { workshop } = await requireOwnWorkshop(event);
		const form = await readForm(event.request);
		if (!form) return badRequest();
		if (workshop.endedAt) return fail(409, { problem: 'invalid' as const });
		await change(form, workshop);
		return {};
	};
}

/**
 * An action that cannot be undone: the first post (without confirm=yes) only returns `asked`, so that the page
 * asks once more; the second acts.
 */
function confirmedAction<Asked extends string, Result>(asked: Asked, act: (workshop: OwnWorkshop) => Promise<Result>) {
	return async (event: Parameters<Actions[string]>[0]) => {
		const { workshop } = await requireOwnWorkshop(event);
		const form = await readForm(event.request);
		if (!form) return badRequest();
		if (form.get('confirm') !== 'yes') return fail(400, { [asked]: true } as Record<Asked, true>);
		return act(workshop);
	};
}

export const actions: Actions = {
	previous: roomAction((_, workshop) => workshops.changeRoom(database(), workshop, { position: workshop.position - 1 })),
	next: roomAction((_, workshop) => workshops.changeRoom(database(), workshop, { position: workshop.position + 1 })),
	open: roomAction(async (form, workshop) => {
		const questionId = textField(form, 'questionId', { max: 64 }).value;
		const known = quizzes.publicQuiz(workshop.agenda[workshop.position], 'en')?.questions.some((q) => q.id === questionId);
		if (known) await workshops.changeRoom(database(), workshop, { openQuestionId: questionId });
	}),
	close: roomAction((_, workshop) => workshops.changeRoom(database(), workshop, { openQuestionId: null })),
	reveal: roomAction((_, workshop) => workshops.changeRoom(database(), workshop, { revealed: true })),
	closeJoining: roomAction((_, workshop) => workshops.closeJoining(database(), workshop)),
	reopenJoining: roomAction((_, workshop) => workshops.reopenJoining(database(), workshop)),
	remove: roomAction((form, workshop) =>
		workshops.removeParticipant(database(), workshop, textField(form, 'participantId', { max: 64 }).value)
	),
	end: confirmedAction('confirmEnd', async (workshop) => {
		await workshops.end(database(), workshop);
		redirect(303, localizeHref(`/workshops/${workshop.id}/report`));
	}),
	erase: confirmedAction('confirmErase', async (workshop) => {
		await workshops.endAndErase(database(), workshop);
		return { erased: true };
	})
};
