import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { errorSummary, loggerOptions } from './log';

describe('the logger', () => {
	it('redacts cookies, tokens, codes, names, addresses and bodies, at the top level and one level down', () => {
		const lines: string[] = [];
		const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
		const logger = pino({ ...loggerOptions, level: 'info' }, sink);
		const secrets = {
			cookie: 'd101_learner=SECRET1',
			token: 'SECRET2',
			code: 'SECRET3',
			resumeCode: 'SECRET4',
			displayName: 'SECRET5 Name',
			email: 'secret6@example.org',
			url: '/en/j/SECRET7',
			ip: '203.0.113.9',
			userAgent: 'SECRET8/1.0',
			body: 'password=SECRET9'
		};
		logger.info({ ...secrets, route: '/(public)/j/[code]', nested: { ...secrets } }, 'request');
		const line = lines.join('');
		expect(line).toContain('/(public)/j/[code]');
		expect(line).toContain('[redacted]');
		for (const value of Object.values(secrets)) expect(line).not.toContain(value);
	});

	it('summarises an error by kind, code and frames, never by its message or its cause\'s', () => {
		const cause = Object.assign(new Error('duplicate key value violates unique constraint: (display_name)=(Secret Name)'), {
			code: '23505',
			detail: 'Key (display_name)=(Secret Name) already exists.'
		});
		const failed = new Error('Failed query: insert into "workshop_participants" ...\nparams: Secret Name,JOINCODE', { cause });
		failed.name = 'DrizzleQueryError';
		const summary = errorSummary(failed);
		expect(summary).toMatchObject({ names: ['DrizzleQueryError', 'Error'], errorCode: '23505' });
		expect(summary.frames[0]).toMatch(/^at /);
		const logged = JSON.stringify(summary);
		for (const secret of ['Secret Name', 'JOINCODE', 'Failed query']) expect(logged).not.toContain(secret);
		expect(errorSummary('a thrown string')).toEqual({ names: ['string'], errorCode: undefined, frames: [] });
	});
});
