import { fail, redirect } from '@sveltejs/kit';
import { getLocale, localizeHref } from '$lib/paraglide/runtime';
import { requireStaff } from '$lib/server/auth/guards';
import { randomSecret } from '$lib/server/auth/tokens';
import { course } from '$lib/server/curriculum';
import { database } from '$lib/server/db';
import { dayOf } from '$lib/server/days';
import { badRequest, readForm, textField } from '$lib/server/http/forms';
import { heldOnProblem, plannableDays, readyMadeAgenda, type AgendaTemplate } from '$lib/server/workshops/rules';
import * as workshops from '$lib/server/workshops/workshops';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user } = requireStaff(event);
	const locale = getLocale();
	const template = (event.url.searchParams.get('agenda') === 'two-day' ? 'two-day' : 'one-day') as AgendaTemplate;
	return {
		workshops: await workshops.listFor(database(), user),
		template,
		agenda: readyMadeAgenda(template),
		lessons: course.lessons.map((lesson) => ({ id: lesson.id, title: (lesson.variants[locale] ?? lesson.variants.en!).title })),
		regions: [...course.regions].filter(([code]) => code !== 'national').map(([code, region]) => ({ code, name: region.name[locale] })),
		today: dayOf(),
		...plannableDays(dayOf()),
		// Sent back with the form: the same form sent twice makes one workshop.
		creationKey: randomSecret()
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { user } = requireStaff(event);
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const title = textField(form, 'title', { max: 120 });
		const heldOn = textField(form, 'heldOn', { max: 10 });
		const location = textField(form, 'location', { max: 120, required: false });
		const region = textField(form, 'region', { max: 40, required: false });
		const creationKey = textField(form, 'creationKey', { max: 64, required: false });
		const known = new Set(course.lessons.map((lesson) => lesson.id));
		const agenda = form.getAll('lesson').filter((id): id is string => typeof id === 'string' && known.has(id));
		const problems = {
			title: title.problem,
			heldOn: heldOn.problem ?? heldOnProblem(heldOn.value, dayOf()),
			location: location.problem,
			agenda: agenda.length === 0 ? 'required' : undefined
		};
		if (Object.values(problems).some(Boolean) || (region.value && !course.regions.has(region.value))) {
			return fail(400, { title: title.value, heldOn: heldOn.value, location: location.value, region: region.value, agenda, practice: form.get('practice') === 'on', problems });
		}
		// The agenda keeps the course's order, whatever order the boxes were ticked in.
		const ordered = course.lessons.map((lesson) => lesson.id).filter((id) => agenda.includes(id));
		const workshop = await workshops.create(database(), user.id, {
			title: title.value,
			heldOn: heldOn.value,
			locationLabel: location.value,
			region: region.value,
			agenda: ordered,
			practice: form.get('practice') === 'on',
			creationKey: creationKey.problem ? undefined : creationKey.value
		});
		redirect(303, localizeHref(`/workshops/${workshop.id}`));
	}
};
