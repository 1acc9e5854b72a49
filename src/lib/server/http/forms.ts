import { error, fail } from '@sveltejs/kit';

// Reading untrusted form input: every field is a bounded, well-formed string or a named problem,
// so an action can answer bad input with the form and a message (400), never a 500.

export type FieldProblem = 'required' | 'too_long' | 'invalid';

/** The submitted form, or undefined when the body is not a form at all; a 413 when it is larger than allowed. */
export async function readForm(request: Request): Promise<FormData | undefined> {
	try {
		return await request.formData();
	} catch (cause) {
		// adapter-node stops a body past BODY_SIZE_LIMIT with an error of status 413: say that, not "not a form".
		if ((cause as { status?: unknown } | null)?.status === 413) error(413, 'Payload Too Large');
		return undefined;
	}
}

/** A text field: trimmed unless it is a secret, at most `max` characters, no control characters or broken encoding. */
export function textField(
	form: FormData,
	name: string,
	options: { max: number; required?: boolean; trim?: boolean }
): { value: string; problem?: FieldProblem } {
	const raw = form.get(name);
	if (raw !== null && typeof raw !== 'string') return { value: '', problem: 'invalid' };
	const value = options.trim === false ? (raw ?? '') : (raw ?? '').trim();
	if (value.length === 0) return { value, problem: options.required === false ? undefined : 'required' };
	if (value.length > options.max) return { value: '', problem: 'too_long' };
	// U+FFFD is what a body in a broken encoding decodes to; lone surrogates and control characters have no place in a form.
	if (!value.isWellFormed() || /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/.test(value)) {
		return { value: '', problem: 'invalid' };
	}
	return { value };
}

/** The standard answer to a body that is not a form. */
export function badRequest() {
	return fail(400, { problem: 'bad_request' as const });
}
