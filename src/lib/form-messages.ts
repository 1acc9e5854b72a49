import { m } from '$lib/paraglide/messages';

// One sentence for each problem code the server's actions return, in the reader's language.
const messages: Record<string, () => string> = {
	required: m.form_required,
	too_long: m.form_too_long,
	invalid: m.form_invalid,
	bad_request: m.form_bad_request,
	too_short: m.password_too_short,
	common: m.password_common,
	wrong_password: m.password_wrong,
	throttled: m.password_throttled,
	email_invalid: m.email_invalid,
	email_taken: m.email_taken,
	name_invalid: m.name_invalid,
	date_invalid: m.date_invalid,
	date_past: m.date_past,
	date_too_far: m.date_too_far,
	joining_closed: m.join_closed
};

export function problemMessage(code: string | undefined): string | undefined {
	if (!code) return undefined;
	if (code === 'too_long') return m.form_too_long();
	return (messages[code] ?? m.form_invalid)();
}
