import { fail } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { badRequest, readForm, textField } from '$lib/server/http/forms';
import * as throttle from '$lib/server/auth/throttle';
import * as learners from '$lib/server/learners/learners';
import * as progress from '$lib/server/progress/progress';
import type { Actions, PageServerLoad } from './$types';
import { isSecure } from '$lib/server/http/secure';

// A participant's own record: no account, only what this device holds. Open to everyone by design.

export const load: PageServerLoad = async ({ locals }) => ({
	record: locals.learner ? await progress.summary(database(), locals.learner.id) : null
});

export const actions: Actions = {
	resumeCode: async (event) => {
		const db = database();
		const learner = await learners.ensureForRequest(db, event);
		return { resumeCode: await learners.issueResumeCode(db, learner.id) };
	},

	resume: async (event) => {
		const form = await readForm(event.request);
		if (!form) return badRequest();
		const code = textField(form, 'code', { max: 40 });
		if (code.problem) return fail(400, { resumeProblem: code.problem });
		const db = database();
		const resumed = await learners.resumeFrom(db, code.value, event.getClientAddress());
		if (resumed && 'retryAt' in resumed) return fail(429, { retryMinutes: throttle.minutesUntil(resumed.retryAt) });
		if (!resumed) return fail(400, { resumeWrong: true });
		learners.setLearnerCookie(event.cookies, isSecure(event.url), resumed.token);
		return { resumed: true, resumeCode: resumed.resumeCode };
	},

	forget: async ({ locals, cookies, url, setHeaders }) => {
		if (locals.learner) await learners.forget(database(), locals.learner.id);
		learners.deleteLearnerCookie(cookies, isSecure(url));
		// And off the device: the pages kept for offline reading, answers waiting to be sent, every cookie.
		setHeaders({ 'clear-site-data': '"cache", "cookies", "storage"' });
		return { forgotten: true };
	}
};
