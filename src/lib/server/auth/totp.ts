import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import { normalizeCode, randomCode } from '$lib/server/crockford';

/** The name an authenticator app shows above the account label. */
const ISSUER = 'Deportation 101';
const KEY_BYTES = 20;
const DIGITS = 6;
const PERIOD_SECONDS = 30;
/** Periods accepted either side of the current one, for clock drift and slow typing. */
const GRACE_PERIODS = 1;

const RECOVERY_CODE_COUNT = 10;

/** A new random 20-byte TOTP key. */
export function generateTotpKey(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

/**
 * The otpauth:// URI an authenticator app reads (issuer "Deportation 101", the account label given, SHA-1,
 * 6 digits, 30 s). Built by hand rather than with `createTOTPKeyURI` from @oslojs/otp because that encodes the
 * issuer query parameter with URLSearchParams, which writes the space as "+", and some authenticator apps then
 * show "Deportation+101"; here every part is percent-encoded (%20).
 */
export function totpUri(accountLabel: string, key: Uint8Array): string {
	const issuer = encodeURIComponent(ISSUER);
	const label = `${issuer}:${encodeURIComponent(accountLabel)}`;
	const params = [
		`secret=${encodeBase32UpperCaseNoPadding(key)}`,
		`issuer=${issuer}`,
		'algorithm=SHA1',
		`digits=${DIGITS}`,
		`period=${PERIOD_SECONDS}`
	];
	return `otpauth://totp/${label}?${params.join('&')}`;
}

/** Base32 (no padding, upper case, grouped in 4s with spaces for reading) of the key, for typing by hand. */
export function formatTotpKeyForManualEntry(key: Uint8Array): string {
	const encoded = encodeBase32UpperCaseNoPadding(key);
	return (encoded.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * Checks a 6-digit code (spaces ignored) for the current 30 s period and one period either side, at time `now`
 * (default new Date()). Returns the matched period counter (a number) or undefined, so the caller can refuse a
 * code reused in the same period (store the counter and refuse any counter <= the last one accepted).
 */
export function verifyTotpCode(key: Uint8Array, code: string, now: Date = new Date()): number | undefined {
	const digits = code.replace(/\s+/g, '');
	if (!/^[0-9]{6}$/.test(digits)) return undefined;
	const time = now.getTime();
	if (!Number.isFinite(time)) return undefined;

	const current = Math.floor(time / 1000 / PERIOD_SECONDS);
	const given = new TextEncoder().encode(digits);
	// Current period first, so in the (astronomically unlikely) event that two periods share a code the
	// counter returned is the current one. Every candidate is computed and compared, with no early exit.
	const candidates = [current];
	for (let offset = 1; offset <= GRACE_PERIODS; offset++) candidates.push(current - offset, current + offset);

	let matched: number | undefined;
	for (const counter of candidates) {
		if (counter < 0) continue;
		const expected = new TextEncoder().encode(generateHOTP(key, BigInt(counter), DIGITS));
		if (constantTimeEqual(given, expected) && matched === undefined) matched = counter;
	}
	return matched;
}

/** 10 recovery codes of 16 Crockford base32 symbols (80 bits, out of reach of guessing even from a stolen hash), XXXX-XXXX-XXXX-XXXX. */
export function generateRecoveryCodes(): string[] {
	const codes = new Set<string>();
	while (codes.size < RECOVERY_CODE_COUNT) codes.add(randomCode([4, 4, 4, 4]));
	return [...codes];
}

/** SHA-256 of the normalised code (upper case, no dashes or spaces; I/L -> 1, O -> 0), so only hashes are stored. */
export function hashRecoveryCode(code: string): Uint8Array {
	return sha256(new TextEncoder().encode(normalizeCode(code)));
}
