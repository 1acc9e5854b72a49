import { fail } from '@sveltejs/kit';
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import { requireStaff } from '$lib/server/auth/guards';
import * as session from '$lib/server/auth/session';
import * as throttle from '$lib/server/auth/throttle';
import { formatTotpKeyForManualEntry, generateTotpKey, totpUri } from '$lib/server/auth/totp';
import * as twoFactor from '$lib/server/auth/two-factor';
import { database } from '$lib/server/db';
import { badRequest, readForm, textField } from '$lib/server/http/forms';
import { renderQrSvg } from '$lib/server/qr';
import * as settings from '$lib/server/settings/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user } = requireStaff(event);
	const required = (await settings.read(database())).requireTwoFactor;
	if (user.hasTwoFactor) return { enabled: true as const, required };
	// The key travels in the form and is stored only once the user proves their app holds it.
	const key = generateTotpKey();
	return {
		enabled: false as const,
		required,
		key: encodeBase64(key),
		manualKey: formatTotpKeyForManualEntry(key),
		qrSvg: renderQrSvg(totpUri(user.email, key), 'QR code for your authenticator app')
	};
};

async function readCode(request: Request) {
	const form = await readForm(request);
	if (!form) return undefined;
	return { form, code: textField(form, 'code', { max: 20 }) };
}

export const actions: Actions = {
	enable: async (event) => {
		const { user, session: current } = requireStaff(event);
		const input = await readCode(event.request);
		if (!input) return badRequest();
		const key = textField(input.form, 'key', { max: 64 });
		if (input.code.problem || key.problem) return fail(400, { problem: input.code.problem ?? key.problem });
		let keyBytes: Uint8Array;
		try {
			keyBytes = decodeBase64(key.value);
		} catch {
			return fail(400, { problem: 'invalid' });
		}
		if (keyBytes.length !== 20) return fail(400, { problem: 'invalid' });
		const db = database();
		const result = await twoFactor.enable(db, user.id, keyBytes, input.code.value);
		if ('problem' in result) return result.problem === 'wrong_code' ? fail(400, { wrongCode: true }) : fail(409, { problem: 'invalid' });
		await session.markSessionTwoFactorVerified(db, current.id);
		return { recoveryCodes: result.recoveryCodes };
	},

	regenerate: async (event) => {
		const { user } = requireStaff(event);
		const input = await readCode(event.request);
		if (!input) return badRequest();
		const db = database();
		const refused = await refuseUnlessCurrentCode(db, user.id, input.code);
		if (refused) return refused;
		return { recoveryCodes: await twoFactor.replaceRecoveryCodes(db, user.id) };
	},

	disable: async (event) => {
		const { user } = requireStaff(event);
		const input = await readCode(event.request);
		if (!input) return badRequest();
		const db = database();
		if ((await settings.read(db)).requireTwoFactor) return fail(403, { problem: 'invalid' });
		const refused = await refuseUnlessCurrentCode(db, user.id, input.code);
		if (refused) return refused;
		await twoFactor.disable(db, user.id);
		return { disabled: true };
	}
};

/** Changing the second factor takes a current code, guessed no faster than at login: the same count and locks. */
async function refuseUnlessCurrentCode(db: ReturnType<typeof database>, userId: string, code: { value: string; problem?: string }) {
	if (code.problem) return fail(400, { wrongCode: true });
	const verdict = await twoFactor.verifySecondFactor(db, userId, 'totp', code.value);
	if (typeof verdict === 'object') return fail(429, { retryMinutes: throttle.minutesUntil(verdict.retryAt) });
	if (verdict === 'wrong') return fail(400, { wrongCode: true });
}
