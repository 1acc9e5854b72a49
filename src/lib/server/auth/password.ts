import { hash, verify, type Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import os from 'node:os';
import pLimit from 'p-limit';

/**
 * Passwords of facilitator and admin accounts, to OWASP ASVS level 2 (V2.1, V2.4): argon2id at OWASP's minimum
 * parameters, 8 to 128 characters with no composition rules, and a check against a list of common passwords.
 */

/** argon2id at the OWASP Password Storage Cheat Sheet's minimum: 19 MiB of memory, 2 passes, 1 lane. */
export const passwordHashOptions: { memoryCost: number; timeCost: number; parallelism: number } = {
	memoryCost: 19456,
	timeCost: 2,
	parallelism: 1
};

export const minimumPasswordLength = 8,
	maximumPasswordLength = 128,
	suggestedPasswordLength = 12;

export type PasswordProblem = 'too_short' | 'too_long' | 'common';

// `Algorithm` is an ambient const enum, which isolatedModules cannot read, so its value is written out: 2 is Argon2id.
const argon2Options: Options = { ...passwordHashOptions, algorithm: 2 };

/** The argon2 version this code writes: 0x13 = 19, the only current one. */
const argon2Version = 19;

/**
 * Verified against when an account does not exist, so that a login for an unknown address costs the same as one for a
 * known address. Made with passwordHashOptions from a random password nobody knows (the result is ignored anyway);
 * a test checks that it keeps up with passwordHashOptions.
 */
const dummyHash = '$argon2id$v=19$m=19456,t=2,p=1$uROhnmWGG7pL2fh+PB9Mow$CPZTzVNzTkLwP0X8nGguZOFHSw/bIxzzMZRKCqxFNtg';

/**
 * About 49,000 common and breached passwords (the password list that zxcvbn-ts ships, all lower case), loaded once.
 * Building the set takes tens of milliseconds, paid by the first import of this server-only module.
 */
const commonPasswords: ReadonlySet<string> = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/**
 * Argon2 runs on libuv's worker threads, four by default: a burst of logins would take every core and leave the
 * server answering nobody (7.6 s in an attacker's test). Hashing waits its turn on all cores but one, so the one
 * left keeps serving pages, rooms and health checks; a burst only makes logins slower.
 */
const hashingTurn = pLimit(Math.max(1, os.availableParallelism() - 1));

/** The same characters typed on different keyboards or systems can arrive composed or decomposed: compare them as NFC. */
function normalise(password: string): string {
	return password.normalize('NFC');
}

export async function hashPassword(password: string): Promise<string> {
	return hashingTurn(() => hash(normalise(password), argon2Options));
}

/**
 * Always does the work of one verification, so that timing never reveals whether an account exists: when hash is
 * undefined it verifies against a fixed dummy hash and returns false.
 * A stored hash that is not a valid argon2 PHC string makes this throw rather than quietly lock the account out.
 */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
	const normalised = normalise(password);
	if (hash === undefined) {
		await hashingTurn(() => verify(dummyHash, normalised));
		return false;
	}
	return hashingTurn(() => verify(hash, normalised));
}

const phcPattern = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)(?:,[^$]*)?\$[^$]+\$[^$]+$/;

/**
 * True when the stored hash used weaker parameters than passwordHashOptions (or is not argon2id), so that login can
 * rehash. Parses the PHC string $argon2id$v=19$m=...,t=...,p=...$salt$hash; anything it cannot read needs a rehash.
 * A different parallelism counts as weaker too: it splits the same memory into other lanes, so it is not this policy.
 */
export function needsRehash(hash: string): boolean {
	const match = phcPattern.exec(hash);
	if (!match) return true;
	const [, algorithm, version, memoryCost, timeCost, parallelism] = match;
	return (
		algorithm !== 'argon2id' ||
		Number(version) !== argon2Version ||
		Number(memoryCost) < passwordHashOptions.memoryCost ||
		Number(timeCost) < passwordHashOptions.timeCost ||
		Number(parallelism) !== passwordHashOptions.parallelism
	);
}

/**
 * 8 to 128 characters (count Unicode code points, after NFC normalisation; no composition rules; spaces allowed), and
 * not on a list of common passwords (compare case-insensitively). Returns undefined when acceptable.
 */
export function checkPasswordPolicy(password: string): PasswordProblem | undefined {
	const normalised = normalise(password);
	// Iterating a string yields code points, so an emoji outside the BMP (two UTF-16 units) counts as one character.
	const length = [...normalised].length;
	if (length < minimumPasswordLength) return 'too_short';
	if (length > maximumPasswordLength) return 'too_long';
	if (commonPasswords.has(normalised.toLowerCase())) return 'common';
	return undefined;
}
