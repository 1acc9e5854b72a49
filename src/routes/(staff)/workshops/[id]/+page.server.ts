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
		practice: workshop.practice,
		room,
		agenda: await workshops.agendaView(db, workshop, locale),
		people: await workshops.participants(db, workshop.id),
		questions: quizzes.publicQuiz(room.lesson.id, locale)?.questions ?? [],
		notes: (await reader.readFacilitatorNotes(moduleSlug, lessonSlug, locale))?.html ?? null,
		joinUrl,
		joinQr: joinUrl ? renderQrSvg(joinUrl, `QR code for ${joinUrl}`) : null
	};
};

type OwnWorkshop = Awaited<ReturnType<typeof requireOwnWorkshop>>['workshop'];

/** Runs one change of the room for the workshop's own facilitator. */
function roomAction<Result>(change: (form: FormData, workshop: OwnWorkshop) => Promise<Result>) {
	return async (event: Parameters<Actions[string]>[0]) => {
		const { workshop } = await requireOwnWorkshop(event);
		const form = await readForm(event.request);
		if (!form) return badRequest();
		if (workshop.endedAt) return fail(409, { problem: 'invalid' as const });
		return change(form, workshop);
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
	// Acts at once and says so, with a way back: the page offers "Undo", and the person stays listed with "Let back in".
	remove: roomAction(async (form, workshop) => {
		const person = await workshops.removeParticipant(database(), workshop, textField(form, 'participantId', { max: 64 }).value);
		if (person) return { removed: person };
	}),
	letBackIn: roomAction(async (form, workshop) => {
		const person = await workshops.letParticipantBackIn(database(), workshop, textField(form, 'participantId', { max: 64 }).value);
		if (person) return { letBackIn: person };
	}),
	agenda: roomAction(async (form, workshop) => {
		const kind = textField(form, 'edit', { max: 8 }).value;
		if (kind !== 'up' && kind !== 'down' && kind !== 'remove' && kind !== 'add') return fail(400, { problem: 'invalid' as const });
		const outcome = await workshops.changeAgenda(database(), workshop, { kind, lessonId: textField(form, 'lessonId', { max: 64 }).value });
		if (outcome === 'started') return fail(409, { problem: 'agenda_started' as const });
		if (outcome === 'invalid') return fail(400, { problem: 'invalid' as const });
	}),
	// Also after the workshop ended: a run is often seen to have been practice afterwards.
	practice: async (event) => {
		const { workshop } = await requireOwnWorkshop(event);
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const practice = form.get('practice');
		if (practice !== 'yes' && practice !== 'no') return fail(400, { problem: 'invalid' as const });
		await workshops.setPractice(database(), workshop, practice === 'yes');
		return {};
	},
	end: confirmedAction('confirmEnd', async (workshop) => {
		await workshops.end(database(), workshop);
		redirect(303, localizeHref(`/workshops/${workshop.id}/report`));
	}),
	erase: confirmedAction('confirmErase', async (workshop) => {
		await workshops.endAndErase(database(), workshop);
		return { erased: true };
	}),
	delete: confirmedAction('confirmDelete', async (workshop) => {
		await workshops.deleteWorkshop(database(), workshop);
		redirect(303, `${localizeHref('/workshops')}?deleted=1`);
	})
};
