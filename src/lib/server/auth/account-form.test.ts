import { describe, expect, it } from 'vitest';
import { accountProblem, readNewAccountFields } from './account-form';
import type { AccountProblem } from './accounts';

const password = 'river stone lantern 42';

function formOf(fields: Record<string, string>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.set(name, value);
	return form;
}

describe('the new account form', () => {
	it('sends back the email and name typed with the problem, never the password', () => {
		const problems: AccountProblem[] = ['email_taken', 'email_invalid', 'name_invalid', 'too_short', 'too_long', 'common'];
		for (const problem of problems) {
			const answer = accountProblem(problem, { email: 'ana@example.org', displayName: 'Ana', password } as { email: string; displayName: string });
			expect(answer.status).toBe(400);
			expect(answer.data).toMatchObject({ email: 'ana@example.org', displayName: 'Ana' });
			expect(JSON.stringify(answer.data), problem).not.toContain(password);
		}
	});

	it('refuses an empty field without sending the password back', () => {
		const { values, invalid } = readNewAccountFields(formOf({ email: 'ana@example.org', displayName: '', password }), true);
		expect(values.password).toBe(password);
		expect(invalid?.status).toBe(400);
		expect(JSON.stringify(invalid?.data)).not.toContain(password);
	});
});
