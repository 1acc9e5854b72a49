import { expect, test } from '@playwright/test';
import {
	createLearner,
	expectedScore,
	newSubmissionKey,
	postQuiz,
	readOwnRecord
} from '../helpers/learner-requests';
import { lessonAt } from '../helpers/lessons';
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../helpers/private-postgres';
import { followRoomEvents, joinOverHttp, workshopOverHttp } from '../helpers/room';
import { killAll, startServer, waitUntilUp, type RunningServer } from '../helpers/server';
import { unlessPostgresRequired } from '../helpers/test-databases';

// PostgreSQL stopped and started again beneath the running app (a database restart, a failover). While it is
// down the app must say so (/readyz 503) and stay up (/healthz 200, same process); once it is back the app must
// serve from it again within 5 seconds, without being restarted: requests, and the workshop rooms, which hear of
// every change through a LISTEN connection of their own.

const lesson = lessonAt('two-systems/why-deportation-101');
/** How soon after PostgreSQL accepts connections again the app must be serving from it. */
const recoveryLimitMs = 5_000;
/** A readiness probe that takes longer than this is as bad as a failed one: probes time out. */
const probeLimitMs = 2_000;
/** Long enough for the driver to have failed to reconnect many times over, as in a real outage. */
const outageMs = 10_000;

let postgres: PrivatePostgres | undefined;
let server: RunningServer | undefined;
test.afterEach(async () => {
	if (server) await killAll([server]);
	server = undefined;
	await postgres?.destroy();
	postgres = undefined;
});

async function status(url: string): Promise<number> {
	return (await fetch(url, { signal: AbortSignal.timeout(probeLimitMs) })).status;
}

/** Keeps asking until `attempt` returns true or `limitMs` has passed; returns how long it took, or undefined. */
async function within(limitMs: number, attempt: () => Promise<boolean>): Promise<number | undefined> {
	const startedAt = performance.now();
	while (performance.now() - startedAt < limitMs) {
		try {
			if (await attempt()) return Math.round(performance.now() - startedAt);
		} catch {
			// Not yet (a refused request, a probe that timed out): try again until the limit.
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return undefined;
}

/** Stops PostgreSQL for `durationMs`, checking all along that the app is up, not ready, and answers promptly. */
async function outage(server: RunningServer, database: PrivatePostgres, durationMs: number): Promise<void> {
	await database.stop();
	const downAt = performance.now();
	while (performance.now() - downAt < durationMs) {
		expect(await status(`${server.url}/readyz`)).toBe(503);
		expect(await status(`${server.url}/healthz`)).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	expect(server.child.exitCode).toBeNull();
}

test('while PostgreSQL is down the app is up but not ready; once it is back the app serves from it again within 5 s', async () => {
	const unavailable = unlessPostgresRequired(privatePostgresUnavailable());
	test.skip(unavailable !== undefined, `not run: ${unavailable}`);
	postgres = await startPrivatePostgres();
	server = await startServer({ env: { DATABASE_URL: postgres.url, LOG_LEVEL: 'warn' } });
	await waitUntilUp(server);
	const pid = server.child.pid;
	expect(await status(`${server.url}/readyz`)).toBe(200);
	const learner = await createLearner(server, lesson);
	const before = await postQuiz(server, learner, lesson, newSubmissionKey(), true);
	expect(before.score).toEqual(expectedScore(lesson, true));

	await outage(server, postgres, outageMs);
	const refused = await postQuiz(server, learner, lesson, newSubmissionKey(), true);
	expect(refused.status).toBeGreaterThanOrEqual(500);
	expect(server.child.exitCode).toBeNull();

	await postgres.start();
	const key = newSubmissionKey();
	const recoveryMs = await within(recoveryLimitMs, async () => {
		if ((await status(`${server!.url}/readyz`)) !== 200) return false;
		const answer = await postQuiz(server!, learner, lesson, key, false);
		return answer.status === 200 && JSON.stringify(answer.score) === JSON.stringify(expectedScore(lesson, false));
	});
	test.info().annotations.push({ type: 'serving again after', description: `${recoveryMs} ms` });
	expect(recoveryMs, `serving again within ${recoveryLimitMs} ms`).toBeDefined();

	// The same process, not a restarted one, and it kept both answers made while the database was up.
	expect(server.child.pid).toBe(pid);
	expect(server.child.exitCode).toBeNull();
	const attempts = (await readOwnRecord(server, learner)).quizAttempts;
	expect(attempts.map((attempt) => attempt.passed).sort()).toEqual([false, true]);
});

test('a workshop room follows its facilitator again within 5 s of PostgreSQL coming back', async () => {
	const unavailable = unlessPostgresRequired(privatePostgresUnavailable());
	test.skip(unavailable !== undefined, `not run: ${unavailable}`);
	postgres = await startPrivatePostgres();
	server = await startServer({ env: { DATABASE_URL: postgres.url, LOG_LEVEL: 'warn' } });
	await waitUntilUp(server);
	const { facilitator, workshopPath, code } = await workshopOverHttp(server, 'Through a restart', [
		'why-deportation-101',
		'status-basics',
		'criminal-process'
	]);
	const { workshopId, participant } = await joinOverHttp(server, code);
	const phone = await followRoomEvents(server, workshopId, participant);
	await expect.poll(() => phone.rooms.at(-1)?.position).toBe(0);

	// The room follows the facilitator before the outage, through PostgreSQL's LISTEN/NOTIFY.
	expect((await facilitator.submit(`${workshopPath}?/next`, {})).status()).toBeLessThan(400);
	await expect.poll(() => phone.rooms.at(-1)?.position).toBe(1);

	await outage(server, postgres, 3_000);
	await postgres.start();
	// The facilitator moves on once, as soon as the app is ready: most likely before the app's LISTEN connection
	// is back, so the room must catch up on what was announced while no one was listening.
	let moved = false;
	const recoveryMs = await within(recoveryLimitMs, async () => {
		moved ||= (await status(`${server!.url}/readyz`)) === 200 && (await facilitator.submit(`${workshopPath}?/next`, {})).status() < 400;
		// At least 2: a move answered with an error may still have been made, and a second one then made too.
		return moved && phone.rooms.some((room) => room.position >= 2);
	});
	test.info().annotations.push({ type: 'room following again after', description: `${recoveryMs} ms` });
	expect(recoveryMs, `the room followed within ${recoveryLimitMs} ms`).toBeDefined();
	await phone.close();
	await facilitator.dispose();
});
