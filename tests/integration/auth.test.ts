import { eq } from 'drizzle-orm';
import { generateHOTP } from '@oslojs/otp';
import { expect, it } from 'vitest';
import * as accounts from '../../src/lib/server/auth/accounts';
import * as links from '../../src/lib/server/auth/links';
import * as session from '../../src/lib/server/auth/session';
import * as throttle from '../../src/lib/server/auth/throttle';
import * as twoFactor from '../../src/lib/server/auth/two-factor';
import { generateTotpKey } from '../../src/lib/server/auth/totp';
import { users } from '../../src/lib/server/db/schema';
import { describeEachDatabase } from '../helpers/test-databases';

const password = 'river stone lantern 42';
let counter = 0;
const uniqueEmail = () => `person${++counter}-${Date.now()}@example.org`;

describeEachDatabase('sessions', (db) => {
	async function newUser() {
		const result = await accounts.create(db(), { email: uniqueEmail(), displayName: 'Someone', password, role: 'facilitator' });
		if (!('user' in result)) throw new Error(result.problem);
		return result.user;
	}

	it('validates a fresh token and refuses a forged secret', async () => {
		const user = await newUser();
		const { token } = await session.createSession(db(), user.id, { twoFactorVerified: false });
		expect((await session.validateSessionToken(db(), token)).user?.id).toBe(user.id);
		const forged = `${token.split('.')[0]}.${'a'.repeat(32)}`;
		expect((await session.validateSessionToken(db(), forged)).session).toBeNull();
	});

	it('ends a session after 12 hours idle, but not while it is used', async () => {
		const user = await newUser();
		const start = new Date('2026-03-01T08:00:00Z');
		const { token } = await session.createSession(db(), user.id, { twoFactorVerified: false, now: start });
		const at = (hours: number) => new Date(start.getTime() + hours * 3_600_000);
		expect((await session.validateSessionToken(db(), token, at(11))).session).not.toBeNull();
		expect((await session.validateSessionToken(db(), token, at(22))).session).not.toBeNull();
		expect((await session.validateSessionToken(db(), token, at(34.5))).session).toBeNull();
		// An expired session's row is gone, not merely refused.
		expect((await session.validateSessionToken(db(), token, at(23))).session).toBeNull();
	});

	it('ends a session 7 days after it began however busy it is', async () => {
		const user = await newUser();
		const start = new Date('2026-03-01T08:00:00Z');
		const { token } = await session.createSession(db(), user.id, { twoFactorVerified: false, now: start });
		for (let hours = 10; hours < 7 * 24; hours += 10) {
			expect((await session.validateSessionToken(db(), token, new Date(start.getTime() + hours * 3_600_000))).session).not.toBeNull();
		}
		expect((await session.validateSessionToken(db(), token, new Date(start.getTime() + 7 * 24 * 3_600_000))).session).toBeNull();
	});

	it('stops a deactivated facilitator’s session at once', async () => {
		const user = await newUser();
		const { token } = await session.createSession(db(), user.id, { twoFactorVerified: false });
		await accounts.deactivateFacilitator(db(), user.id);
		expect((await session.validateSessionToken(db(), token)).session).toBeNull();
	});

	it('rehashes a password made with weaker parameters at the next login', async () => {
		const user = await newUser();
		const { hash } = await import('@node-rs/argon2');
		const weak = await hash(password, { memoryCost: 8192, timeCost: 1, parallelism: 1, algorithm: 2 });
		await db().update(users).set({ passwordHash: weak }).where(eq(users.id, user.id));
		const result = await accounts.logIn(db(), { email: user.email, password, clientAddress: '192.0.2.1' });
		expect(result.ok).toBe(true);
		const [stored] = await db().select().from(users).where(eq(users.id, user.id));
		expect(stored.passwordHash).toContain('m=19456,t=2,p=1');
	});
});

describeEachDatabase('staff accounts', (db) => {
	it('store the display name cleaned, and refuse one that is empty once cleaned or longer than 80 characters', async () => {
		const created = await accounts.create(db(), { email: uniqueEmail(), displayName: ' \u202EAda\u200B  Lovelace ', password, role: 'facilitator' });
		expect('user' in created && created.user.displayName).toBe('Ada Lovelace');
		for (const displayName of ['\u202E\u2066\u200B', ' \u0085 ', 'é'.repeat(81)]) {
			expect(await accounts.create(db(), { email: uniqueEmail(), displayName, password, role: 'facilitator' })).toEqual({ problem: 'name_invalid' });
		}
	});
});

describeEachDatabase('the login limiter', (db) => {
	it('locks an account after five failures and says until when, then doubles the lock', async () => {
		const email = uniqueEmail();
		const now = new Date('2026-03-01T08:00:00Z');
		const attempt = (at: Date) => accounts.logIn(db(), { email, password: 'wrong', clientAddress: `198.51.100.${++counter % 250}`, now: at });
		for (let i = 0; i < 6; i++) expect(await attempt(now)).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt(now)).toEqual({ ok: false, reason: 'throttled', retryAt: new Date(now.getTime() + 60_000) });
		const later = new Date(now.getTime() + 61_000);
		expect((await attempt(later)).ok).toBe(false);
		expect(await attempt(later)).toEqual({ ok: false, reason: 'throttled', retryAt: new Date(later.getTime() + 120_000) });
	});

	it('counts wrong current passwords when changing it as failed logins of the account', async () => {
		const created = await accounts.create(db(), { email: uniqueEmail(), displayName: 'C', password, role: 'facilitator' });
		if (!('user' in created)) throw new Error(created.problem);
		const change = (currentPassword: string) =>
			accounts.changePassword(db(), { userId: created.user.id, currentPassword, newPassword: 'a new long passphrase 7', keepSessionId: 'none', endOtherSessions: false });
		for (let i = 0; i < 6; i++) expect(await change('wrong')).toEqual({ ok: false, problem: 'wrong_password' });
		expect(await change(password)).toEqual({ ok: false, problem: 'throttled' });
		const login = await accounts.logIn(db(), { email: created.user.email, password, clientAddress: '198.51.100.200' });
		expect(login).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('stores keyed hashes, never the email or the address', async () => {
		const key = await throttle.throttleKey(db(), 'client', '203.0.113.7');
		expect(key).toMatch(/^client:[A-Za-z0-9_-]{43}$/);
		expect(key).not.toContain('203.0.113.7');
		expect(await throttle.throttleKey(db(), 'client', '203.0.113.7')).toBe(key);
	});
});

describeEachDatabase('setup links and invitations', (db) => {
	it('lets exactly one of two racing claims of the setup link create the admin', async () => {
		const token = (await links.createSetupLink(db()))!;
		const claims = await Promise.all(
			['a', 'b'].map((who) => links.claimSetupLink(db(), token, { email: `${who}-${uniqueEmail()}`, displayName: who, password }))
		);
		expect(claims.filter((claim) => 'user' in claim)).toHaveLength(1);
		expect(await links.createSetupLink(db())).toBeUndefined();
	});

	it('expires an invitation after 7 days', async () => {
		const now = new Date('2026-03-01T08:00:00Z');
		const [inviter] = await db().select().from(users).limit(1);
		const { token } = await links.createInvite(db(), inviter.id, uniqueEmail(), now);
		expect(await links.readInvite(db(), token, new Date(now.getTime() + 6 * 24 * 3_600_000))).toBeDefined();
		expect(await links.readInvite(db(), token, new Date(now.getTime() + 7 * 24 * 3_600_000))).toBeUndefined();
	});
});

describeEachDatabase('the second factor', (db) => {
	it('accepts a TOTP code once, and each recovery code once', async () => {
		const created = await accounts.create(db(), { email: uniqueEmail(), displayName: 'T', password, role: 'admin' });
		if (!('user' in created)) throw new Error(created.problem);
		const key = generateTotpKey();
		const now = new Date('2026-03-01T08:00:10Z');
		const code = (offset: number) => generateHOTP(key, BigInt(Math.floor(now.getTime() / 30_000) + offset), 6);
		const enabled = await twoFactor.enable(db(), created.user.id, key, code(0), now);
		if (!('recoveryCodes' in enabled)) throw new Error('not enabled');
		expect(await twoFactor.verifyCode(db(), created.user.id, code(0), now)).toBe(false);
		expect(await twoFactor.verifyCode(db(), created.user.id, code(1), now)).toBe(true);
		expect(await twoFactor.verifyCode(db(), created.user.id, code(1), now)).toBe(false);
		expect(await twoFactor.useRecoveryCode(db(), created.user.id, enabled.recoveryCodes[3])).toBe(true);
		expect(await twoFactor.useRecoveryCode(db(), created.user.id, enabled.recoveryCodes[3])).toBe(false);
	});

	it('locks the second step after five wrong codes, even for the right one, and forgets them on success', async () => {
		const created = await accounts.create(db(), { email: uniqueEmail(), displayName: 'G', password, role: 'admin' });
		if (!('user' in created)) throw new Error(created.problem);
		const key = generateTotpKey();
		const now = new Date('2026-03-02T08:00:10Z');
		const code = (at: Date) => generateHOTP(key, BigInt(Math.floor(at.getTime() / 30_000)), 6);
		const before = new Date(now.getTime() - 30_000);
		expect(await twoFactor.enable(db(), created.user.id, key, code(before), before)).toHaveProperty('recoveryCodes');
		const wrong = code(now) === '000000' ? '111111' : '000000';
		for (let attempt = 1; attempt <= 5; attempt++) {
			expect(await twoFactor.verifySecondFactor(db(), created.user.id, 'totp', wrong, now), `attempt ${attempt}`).toBe('wrong');
		}
		expect(await twoFactor.verifySecondFactor(db(), created.user.id, 'recovery', 'NOPE-NOPE', now)).toBe('wrong');
		const locked = await twoFactor.verifySecondFactor(db(), created.user.id, 'totp', code(now), now);
		expect(locked).toEqual({ retryAt: new Date(now.getTime() + 60_000) });

		// After the lock, the right code is accepted and the count starts again.
		const later = new Date(now.getTime() + 61_000);
		expect(await twoFactor.verifySecondFactor(db(), created.user.id, 'totp', code(later), later)).toBe('accepted');
		expect(await twoFactor.verifySecondFactor(db(), created.user.id, 'totp', wrong, later)).toBe('wrong');
	});
});
