import { generateHOTP } from '@oslojs/otp';
import { expect, it } from 'vitest';
import * as accounts from '../../src/lib/server/auth/accounts';
import * as throttle from '../../src/lib/server/auth/throttle';
import { generateTotpKey } from '../../src/lib/server/auth/totp';
import * as twoFactor from '../../src/lib/server/auth/two-factor';
import { dayOf } from '../../src/lib/server/days';
import * as learners from '../../src/lib/server/learners/learners';
import * as workshops from '../../src/lib/server/workshops/workshops';
import { describeEachDatabase } from '../helpers/test-databases';

// Every limit on guessing a secret, under a burst of tries released together, as an attacker with a script sends
// them: no more tries are checked than the limit allows, however many are in flight. (On PostgreSQL the tries run
// on several connections at once; on PGlite they interleave between queries.)

const burst = 300;
const password = 'river stone lantern 42';
let counter = 0;
const together = <T>(make: (index: number) => Promise<T>) => Promise.all(Array.from({ length: burst }, (_, index) => make(index)));

describeEachDatabase('limits under a burst', (db) => {
	async function newUser(role: 'facilitator' | 'admin' = 'facilitator') {
		const created = await accounts.create(db(), { email: `burst${++counter}-${Date.now()}@example.org`, displayName: 'B', password, role });
		if (!('user' in created)) throw new Error(created.problem);
		return created.user;
	}

	it('checks at most the free tries of one account, from as many addresses as there are guesses', async () => {
		const user = await newUser();
		const results = await together((index) =>
			accounts.logIn(db(), { email: user.email, password: `guess ${index}`, clientAddress: `10.${counter}.${index >> 8}.${index & 255}` })
		);
		const checked = results.filter((result) => !result.ok && result.reason === 'invalid');
		expect(checked.length).toBeLessThanOrEqual(throttle.accountPolicy.freeFailures + 1);
		expect(results.every((result) => !result.ok)).toBe(true);
		// The lock holds after the burst, for the right password too.
		expect(await accounts.logIn(db(), { email: user.email, password, clientAddress: '10.255.255.1' })).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('checks at most the free tries of one address, across as many accounts as there are guesses', async () => {
		const address = `172.16.${++counter}.1`;
		const results = await together((index) => accounts.logIn(db(), { email: `nobody${index}@example.org`, password: 'guess', clientAddress: address }));
		expect(results.filter((result) => !result.ok && result.reason === 'invalid').length).toBeLessThanOrEqual(throttle.clientPolicy.freeFailures + 1);
	});

	it('checks at most five second-factor codes of one account, then refuses the right one', async () => {
		const user = await newUser('admin');
		const key = generateTotpKey();
		const now = new Date();
		const code = (at: Date) => generateHOTP(key, BigInt(Math.floor(at.getTime() / 30_000)), 6);
		const earlier = new Date(now.getTime() - 30_000);
		expect(await twoFactor.enable(db(), user.id, key, code(earlier), earlier)).toHaveProperty('recoveryCodes');
		const wrong = code(now) === '000000' ? '111111' : '000000';
		const results = await together(() => twoFactor.verifySecondFactor(db(), user.id, 'totp', wrong, now));
		expect(results.filter((result) => result === 'wrong').length).toBeLessThanOrEqual(throttle.accountPolicy.freeFailures + 1);
		expect(await twoFactor.verifySecondFactor(db(), user.id, 'totp', code(now), now)).toHaveProperty('retryAt');
	});

	it('looks up at most the free join codes of one address, yet lets a whole room behind it in', async () => {
		const owner = await newUser();
		const workshop = await workshops.create(db(), owner.id, { title: 'Burst', heldOn: dayOf(), agenda: ['why-deportation-101'] });
		const room = `192.168.${++counter}.1`;
		// A room of phones behind the venue's one address, arriving in waves: every right code gets in.
		for (let wave = 0; wave < 10; wave++) {
			const found = await Promise.all(Array.from({ length: 20 }, () => workshops.findJoinableFor(db(), workshop.joinCode!, room)));
			expect(found.every((lookup) => 'workshop' in lookup)).toBe(true);
		}
		const attacker = `192.168.${++counter}.2`;
		const results = await together((index) => workshops.findJoinableFor(db(), `ZZZZ${String(index % 100).padStart(2, '0')}`, attacker));
		expect(results.filter((lookup) => 'wrong' in lookup).length).toBeLessThanOrEqual(throttle.joinCodePolicy.freeFailures + 1);
		expect(await workshops.findJoinableFor(db(), workshop.joinCode!, attacker)).toHaveProperty('retryAt');
	});

	it('lets the people behind a locked-out address back in once the lock ends, and keeps the lock on wrong codes', async () => {
		const owner = await newUser();
		const now = new Date();
		const workshop = await workshops.create(db(), owner.id, { title: 'Venue', heldOn: dayOf(now), agenda: ['why-deportation-101'] }, now);
		const venue = `192.168.${++counter}.3`;
		for (let index = 0; index <= throttle.joinCodePolicy.freeFailures; index++) await workshops.findJoinableFor(db(), 'ZZZZZZ', venue, now);
		expect(await workshops.findJoinableFor(db(), workshop.joinCode!, venue, now)).toHaveProperty('retryAt');
		// The lock ends: phone after phone opens the code and sends the join form (two lookups each), and all get in.
		const later = new Date(now.getTime() + throttle.joinCodePolicy.firstLockMs + 1_000);
		for (let phone = 0; phone < 10; phone++) {
			for (const step of ['page', 'form']) {
				expect(await workshops.findJoinableFor(db(), workshop.joinCode!, venue, later), `phone ${phone}, ${step}`).toHaveProperty('workshop');
			}
		}
		// A wrong code from there locks it again.
		expect(await workshops.findJoinableFor(db(), 'ZZZZZZ', venue, later)).toEqual({ wrong: true });
		expect(await workshops.findJoinableFor(db(), workshop.joinCode!, venue, later)).toHaveProperty('retryAt');
	});

	it('looks up at most the free resume codes of one address, and a code works once', async () => {
		const { learner } = await learners.create(db());
		const code = await learners.issueResumeCode(db(), learner.id);
		const address = `100.64.${++counter}.1`;
		const results = await together((index) => learners.resumeFrom(db(), `0000-0000-${String(index).padStart(5, '0')}`, address));
		expect(results.filter((result) => result === undefined).length).toBeLessThanOrEqual(throttle.clientPolicy.freeFailures + 1);
		expect(await learners.resumeFrom(db(), code, address)).toHaveProperty('retryAt');

		const elsewhere = `100.64.${++counter}.2`;
		const resumed = await learners.resumeFrom(db(), code, elsewhere);
		expect(resumed).toMatchObject({ learner: { id: learner.id } });
		expect(await learners.resumeFrom(db(), code, elsewhere)).toBeUndefined();
		const next = (resumed as { resumeCode: string }).resumeCode;
		expect(await learners.resumeFrom(db(), next, elsewhere)).toMatchObject({ learner: { id: learner.id } });
	});
});

describeEachDatabase('new learners under a burst', (db) => {
	it('are made for at most the allowance of one address a day, however many ask at once', async () => {
		const address = `100.65.${++counter}.1`;
		const allowance = throttle.newLearnerPolicy.freeFailures;
		const visit = () => ({
			locals: { learner: null } as unknown as App.Locals,
			cookies: { set: () => {} } as unknown as Parameters<typeof learners.ensureForRequest>[1]['cookies'],
			url: new URL('http://d101.test/en/me'),
			getClientAddress: () => address
		});
		const outcomes = await Promise.allSettled(Array.from({ length: allowance + 50 }, () => learners.ensureForRequest(db(), visit())));
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled').length).toBeLessThanOrEqual(allowance + 1);
		const refused = outcomes.find((outcome) => outcome.status === 'rejected');
		expect((refused as PromiseRejectedResult | undefined)?.reason).toMatchObject({ status: 429 });
		// Another address is not held back by this one.
		await expect(learners.ensureForRequest(db(), { ...visit(), getClientAddress: () => `100.65.${counter}.2` })).resolves.toHaveProperty('id');
	}, 120_000);
});
