import { expect, it } from 'vitest';
import * as learners from '../../src/lib/server/learners/learners';
import { describeEachDatabase } from '../helpers/test-databases';

describeEachDatabase('anonymous learners', (db) => {
	it('finds a learner by the token in their cookie and by nothing else', async () => {
		const { learner, token } = await learners.create(db());
		expect((await learners.findByToken(db(), token))?.id).toBe(learner.id);
		expect(await learners.findByToken(db(), 'a'.repeat(32))).toBeUndefined();
		expect(await learners.findByToken(db(), 'not a token')).toBeUndefined();
	});

	it('moves a learner to a new device with the resume code, retiring the old token', async () => {
		const { learner, token } = await learners.create(db());
		const code = await learners.issueResumeCode(db(), learner.id);
		const resumed = await learners.resume(db(), ` ${code.toLowerCase().replace('0', 'o')} `);
		expect(resumed?.learner.id).toBe(learner.id);
		expect(await learners.findByToken(db(), resumed!.token)).toBeDefined();
		expect(await learners.findByToken(db(), token)).toBeUndefined();
	});

	it('forgets a learner completely', async () => {
		const { learner, token } = await learners.create(db());
		const code = await learners.issueResumeCode(db(), learner.id);
		await learners.forget(db(), learner.id);
		expect(await learners.findByToken(db(), token)).toBeUndefined();
		expect(await learners.resume(db(), code)).toBeUndefined();
	});
});
