import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

// Tokens in the Lucia design: "<id>.<secret>". The id finds the row; only SHA-256 of the secret is stored,
// and it is compared in constant time, so a database leak yields no usable token.

/** 20 random bytes (160 bits) as 32 lowercase base32 characters. */
export function randomSecret(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

export function newToken(): { id: string; secret: string; token: string; secretHash: Uint8Array } {
	const id = randomSecret();
	const secret = randomSecret();
	return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

/** Splits a token, or returns undefined for anything that is not one. */
export function parseToken(token: string): { id: string; secret: string } | undefined {
	const match = /^([a-z2-7]{32})\.([a-z2-7]{32})$/.exec(token);
	return match ? { id: match[1], secret: match[2] } : undefined;
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
	return constantTimeEqual(hashSecret(secret), storedHash);
}
