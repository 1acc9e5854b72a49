import { fail } from '@sveltejs/kit';
import { textField } from '$lib/server/http/forms';
import type { AccountProblem } from './accounts';

// The fields of the two forms that create an account (the setup link and an invitation).

const fieldOfProblem: Record<AccountProblem, 'email' | 'displayName' | 'password'> = {
	email_taken: 'email',
	email_invalid: 'email',
	name_invalid: 'displayName',
	too_short: 'password',
	too_long: 'password',
	common: 'password'
};

export function readNewAccountFields(form: FormData, withEmail: boolean) {
	const email = withEmail ? textField(form, 'email', { max: 254 }) : { value: '' };
	const displayName = textField(form, 'displayName', { max: 80 });
	const password = textField(form, 'password', { max: 1024, trim: false });
	const problems = { email: email.problem, displayName: displayName.problem, password: password.problem };
	return {
		values: { email: email.value, displayName: displayName.value, password: password.value },
		invalid: Object.values(problems).some(Boolean)
			? fail(400, { email: email.value, displayName: displayName.value, problems })
			: undefined
	};
}

/**
 * The 400 answer when the account rules refuse the input: the form again, with the problem beside its field. The
 * password typed is never sent back: action data is written into the page, and into its HTML without JavaScript.
 */
export function accountProblem(problem: AccountProblem, { email, displayName }: { email: string; displayName: string }) {
	return fail(400, { email, displayName, problems: { [fieldOfProblem[problem]]: problem } });
}
