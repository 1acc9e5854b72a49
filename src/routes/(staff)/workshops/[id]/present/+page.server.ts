import { fail } from '@sveltejs/kit';
import { getLocale, locales } from '$lib/paraglide/runtime';
import { database } from '$lib/server/db';
import { badRequest, readForm } from '$lib/server/http/forms';
import { renderQrSvg } from '$lib/server/qr';
import { requireOwnWorkshop } from '$lib/server/workshops/guard';
import * as workshops from '$lib/server/workshops/workshops';
import type { Actions, PageServerLoad } from './$types';

// The projector: the whole screen, no site around it, large type; the join code and QR while joining is open;
// counts only, never a name. `?both=1` shows the other language beside the page's.
export const load: PageServerLoad = async (event) => {
	const { workshop } = await requireOwnWorkshop(event);
	const db = database();
	const locale = getLocale();
	const otherLocale = event.url.searchParams.get('both') === '1' ? locales.find((candidate) => candidate !== locale) : undefined;
	const joinUrl = workshop.joinCode ? `${event.url.origin}/j/${workshop.joinCode}` : null;
	return {
		chrome: 'none' as const,
		workshopId: workshop.id,
		joinHost: event.url.host,
		joinQr: joinUrl ? renderQrSvg(joinUrl, joinUrl) : null,
		room: await workshops.room(db, workshop.id, locale, { kind: 'presenter' }),
		otherLocale: otherLocale ?? null,
		other: otherLocale ? await workshops.roomView(db, workshop.id, otherLocale, 'presenter') : null
	};
};

export const actions: Actions = {
	/** A key pressed on the projector: next, previous, open, reveal. */
	step: async (event) => {
		const { workshop } = await requireOwnWorkshop(event);
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const move = workshops.presenterMoves.find((candidate) => candidate === form.get('move'));
		if (!move) return fail(400, { problem: 'invalid' as const });
		await workshops.step(database(), workshop, move);
		return {};
	}
};
