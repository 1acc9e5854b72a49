import { sha256 } from '@oslojs/crypto/sha2';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP, generateTOTP } from '@oslojs/otp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	formatTotpKeyForManualEntry,
	generateRecoveryCodes,
	generateTotpKey,
	hashRecoveryCode,
	totpUri,
	verifyTotpCode
} from './totp';

/** The RFC 6238 appendix B SHA-1 key, so results can be checked against published test vectors. */
const RFC_KEY = new TextEncoder().encode('12345678901234567890');
const NOW = new Date('2026-03-14T15:09:26Z');
const COUNTER = Math.floor(NOW.getTime() / 30_000);
const codeFor = (counter: number) => generateHOTP(RFC_KEY, BigInt(counter), 6);

const CROCKFORD_CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

afterEach(() => {
	vi.useRealTimers();
});

describe('generateTotpKey', () => {
	it('makes a fresh 20-byte key each time', () => {
		const a = generateTotpKey();
		const b = generateTotpKey();
		expect(a).toBeInstanceOf(Uint8Array);
		expect(a.byteLength).toBe(20);
		expect(a).not.toEqual(b);
	});
});

describe('verifyTotpCode', () => {
	it('accepts the RFC 6238 SHA-1 test vectors (6-digit truncation)', () => {
		expect(verifyTotpCode(RFC_KEY, '287082', new Date(59_000))).toBe(1);
		expect(verifyTotpCode(RFC_KEY, '081804', new Date(1_111_111_109_000))).toBe(37_037_036);
		expect(verifyTotpCode(RFC_KEY, '005924', new Date(1_234_567_890_000))).toBe(41_152_263);
	});

	it('accepts a code generated for now and returns the current period counter', () => {
		expect(verifyTotpCode(RFC_KEY, codeFor(COUNTER), NOW)).toBe(COUNTER);
	});

	it('ignores spaces in the code', () => {
		const code = codeFor(COUNTER);
		expect(verifyTotpCode(RFC_KEY, ` ${code.slice(0, 3)} ${code.slice(3)} `, NOW)).toBe(COUNTER);
	});

	it('defaults to the current time and agrees with @oslojs/otp generateTOTP', () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(NOW);
		const key = generateTotpKey();
		expect(verifyTotpCode(key, generateTOTP(key, 30, 6))).toBe(COUNTER);
	});

	it('accepts the previous and next period (one period of grace each way)', () => {
		expect(verifyTotpCode(RFC_KEY, codeFor(COUNTER - 1), NOW)).toBe(COUNTER - 1);
		expect(verifyTotpCode(RFC_KEY, codeFor(COUNTER + 1), NOW)).toBe(COUNTER + 1);
	});

	it('refuses a code from 60 s later (two periods ahead) or 60 s earlier', () => {
		const later = codeFor(Math.floor((NOW.getTime() + 60_000) / 30_000));
		const earlier = codeFor(Math.floor((NOW.getTime() - 60_000) / 30_000));
		expect(verifyTotpCode(RFC_KEY, later, NOW)).toBeUndefined();
		expect(verifyTotpCode(RFC_KEY, earlier, NOW)).toBeUndefined();
		// ...but the same later code is good once its time comes.
		expect(verifyTotpCode(RFC_KEY, later, new Date(NOW.getTime() + 60_000))).toBe(COUNTER + 2);
	});

	it('refuses a wrong code', () => {
		const valid = new Set([-1, 0, 1].map((d) => codeFor(COUNTER + d)));
		const wrong = ['000000', '123456', '999999'].find((c) => !valid.has(c));
		expect(wrong).toBeDefined();
		expect(verifyTotpCode(RFC_KEY, wrong!, NOW)).toBeUndefined();
		// The right code for another key (fixed, so the test is deterministic).
		const otherKey = new TextEncoder().encode('09876543210987654321');
		expect(verifyTotpCode(otherKey, codeFor(COUNTER), NOW)).toBeUndefined();
	});

	it('refuses non-digit, short, long and empty input without throwing', () => {
		const code = codeFor(COUNTER);
		for (const input of ['', '      ', 'abcdef', '12345a', code.slice(0, 5), `${code}0`, `-${code.slice(1)}`, '１２３４５６', `${code}\u0000`]) {
			expect(() => verifyTotpCode(RFC_KEY, input, NOW)).not.toThrow();
			expect(verifyTotpCode(RFC_KEY, input, NOW)).toBeUndefined();
		}
	});

	it('refuses everything at an invalid date rather than throwing', () => {
		expect(verifyTotpCode(RFC_KEY, codeFor(COUNTER), new Date(Number.NaN))).toBeUndefined();
	});
});

describe('totpUri', () => {
	it('carries the issuer, URL-encoded label, secret, SHA-1, 6 digits and 30 s', () => {
		const key = generateTotpKey();
		const uri = totpUri('ana+test@example.org', key);
		const url = new URL(uri);
		expect(url.protocol).toBe('otpauth:');
		expect(uri.startsWith('otpauth://totp/Deportation%20101:ana%2Btest%40example.org?')).toBe(true);
		expect(url.searchParams.get('issuer')).toBe('Deportation 101');
		expect(uri).toContain('issuer=Deportation%20101');
		expect(url.searchParams.get('algorithm')).toBe('SHA1');
		expect(url.searchParams.get('digits')).toBe('6');
		expect(url.searchParams.get('period')).toBe('30');
		const secret = url.searchParams.get('secret');
		expect(secret).toMatch(/^[A-Z2-7]+$/);
		expect(decodeBase32IgnorePadding(secret!)).toEqual(key);
	});

	it('encodes labels with spaces, colons and non-ASCII letters', () => {
		const uri = totpUri('María: trainer', generateTotpKey());
		expect(uri).toContain(`Deportation%20101:${encodeURIComponent('María: trainer')}?`);
		expect(uri).not.toContain(' ');
	});
});

describe('formatTotpKeyForManualEntry', () => {
	it('writes the key as upper-case unpadded base32 in groups of four', () => {
		const key = generateTotpKey();
		const formatted = formatTotpKeyForManualEntry(key);
		expect(formatted).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);
		expect(decodeBase32IgnorePadding(formatted.replaceAll(' ', ''))).toEqual(key);
	});

	it('matches the secret in the URI', () => {
		const key = generateTotpKey();
		const secret = new URL(totpUri('x', key)).searchParams.get('secret');
		expect(formatTotpKeyForManualEntry(key).replaceAll(' ', '')).toBe(secret);
	});

	it('leaves a short last group when the length is not a multiple of four', () => {
		expect(formatTotpKeyForManualEntry(new Uint8Array([0xff, 0xff, 0xff]))).toBe('7777 6');
	});
});

describe('generateRecoveryCodes', () => {
	it('makes 10 unique Crockford base32 codes shaped XXXXX-XXXXX', () => {
		const codes = generateRecoveryCodes();
		expect(codes).toHaveLength(10);
		expect(new Set(codes).size).toBe(10);
		for (const code of codes) expect(code).toMatch(CROCKFORD_CODE);
	});

	it('differs from one call to the next and uses the whole alphabet', () => {
		const seen = new Set<string>();
		const first = generateRecoveryCodes();
		expect(generateRecoveryCodes()).not.toEqual(first);
		for (let i = 0; i < 20; i++) for (const code of generateRecoveryCodes()) for (const ch of code.replace(/-/g, '')) seen.add(ch);
		// 3,200 symbols drawn uniformly from 32: missing any one has probability ~32 * (31/32)^3200, i.e. nil.
		expect(seen.size).toBe(32);
	});
});

describe('hashRecoveryCode', () => {
	const bytes = (s: string) => new TextEncoder().encode(s);

	it('is SHA-256 of the normalised code', () => {
		expect(hashRecoveryCode('ABCDE-FGH1J')).toEqual(sha256(bytes('ABCDEFGH1J')));
		expect(hashRecoveryCode('ABCDE-FGH1J')).toHaveLength(32);
	});

	it('ignores case, dashes and spaces', () => {
		const canonical = hashRecoveryCode('ABCDE-FGH1J');
		expect(hashRecoveryCode('abcde-fgh1j')).toEqual(canonical);
		expect(hashRecoveryCode('abcde fgh1j')).toEqual(canonical);
		expect(hashRecoveryCode(' abcdefgh1j ')).toEqual(canonical);
		expect(hashRecoveryCode('AB CDE-\tFGH 1J')).toEqual(canonical);
	});

	it('reads I and L as 1 and O as 0, in either case', () => {
		expect(hashRecoveryCode('abcde-fghij')).toEqual(hashRecoveryCode('ABCDE-FGH1J'));
		expect(hashRecoveryCode('abcde-fghlj')).toEqual(hashRecoveryCode('ABCDE-FGH1J'));
		expect(hashRecoveryCode('O0OOO-ooooo')).toEqual(hashRecoveryCode('00000-00000'));
		expect(hashRecoveryCode('O0OOO-ooooo')).toEqual(sha256(bytes('0000000000')));
	});

	it('tells different codes apart', () => {
		expect(hashRecoveryCode('ABCDE-FGH1J')).not.toEqual(hashRecoveryCode('ABCDE-FGH1K'));
	});

	it('round-trips generated codes however they are typed back', () => {
		for (const code of generateRecoveryCodes()) {
			expect(hashRecoveryCode(code.toLowerCase().replace('-', ' '))).toEqual(hashRecoveryCode(code));
		}
	});
});
