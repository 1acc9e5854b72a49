import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
	createLearner,
	expectedScore,
	newSubmissionKey,
	postQuiz,
	postQuizSlowly,
	readOwnRecord,
	type Learner
} from '../helpers/learner-requests';
import { lessonAt } from '../helpers/lessons';
import { followRoomEvents, joinOverHttp, workshopOverHttp, type RoomFollower } from '../helpers/room';
import { killAll, serverOn, startServer, waitUntilUp, withFreshDataDir, type RunningServer } from '../helpers/server';
import { postgresMissing, serverUrl, withServerDatabase } from '../helpers/test-databases';

// SIGTERM (what a process manager sends to stop or redeploy the app) while requests are in flight: pages, quiz
// answers, and answers still being uploaded over a slow network. Every request begun before the signal must
// get its whole, successful answer, answers must be recorded, and only then may the process close its database
// and exit 0. Workshop rooms' event streams, which never finish by themselves, are ended instead.

const lesson = lessonAt('two-systems/why-deportation-101');
const otherLesson = lessonAt('rights-and-preparation/know-your-rights');
const learnerCount = 4;
/** Requests sent at once: each kind below in turn. */
const burstSize = 160;
const slowUploads = 6;
/** Long enough after the burst is sent for the server to have read every request, short of answering them all. */
const sigtermAfterMs = 250;
/** How long each slow upload holds back the second half of its form. */
const uploadPauseMs = 1_500;

interface Finished {
	what: string;
	ok: boolean;
	detail: string;
	finishedAt: number;
}

async function page(server: RunningServer, pathname: string, learner?: Learner): Promise<Omit<Finished, 'finishedAt'>> {
	const response = await fetch(`${server.url}${pathname}`, { headers: { cookie: learner?.cookie ?? '' } });
	const body = await response.text();
	const whole = pathname.endsWith('.json') ? JSON.parse(body) !== null : body.trimEnd().endsWith('</html>');
	return { what: `GET ${pathname}`, ok: response.status === 200 && whole, detail: `${response.status}, ${body.length} bytes` };
}

async function stopUnderLoad(env: Record<string, string>) {
	const { servers, start } = serverOn(env);
	try {
		const server = await start();
		const learners: Learner[] = [];
		for (let index = 0; index < learnerCount; index++) learners.push(await createLearner(server, lesson));
		const answered = new Map<Learner, number>(learners.map((learner) => [learner, 0]));

		const requests: Promise<Finished>[] = [];
		const track = (work: () => Promise<Omit<Finished, 'finishedAt'>>, what: string) =>
			requests.push(
				work().then(
					(result) => ({ ...result, finishedAt: performance.now() }),
					(error: Error) => ({ what, ok: false, detail: String(error.cause ?? error), finishedAt: performance.now() })
				)
			);
		const answer = (learner: Learner, slowly: boolean) => {
			answered.set(learner, answered.get(learner)! + 1);
			const right = answered.get(learner)! % 2 === 0;
			const key = newSubmissionKey();
			const what = slowly ? 'slow quiz post' : 'quiz post';
			track(async () => {
				const outcome = slowly
					? await postQuizSlowly(server, learner, lesson, key, right, uploadPauseMs)
					: await postQuiz(server, learner, lesson, key, right);
				const ok = outcome.status === 200 && JSON.stringify(outcome.score) === JSON.stringify(expectedScore(lesson, right));
				return { what, ok, detail: `${outcome.status} ${JSON.stringify(outcome.score)}` };
			}, what);
		};

		for (let index = 0; index < slowUploads; index++) answer(learners[index % learnerCount], true);
		for (let index = 0; index < burstSize; index++) {
			const learner = learners[index % learnerCount];
			const kinds = [
				() => answer(learner, false),
				() => track(() => page(server, `/en/learn/${lesson.path}`, learner), 'lesson page'),
				() => track(() => page(server, `/en/learn/${otherLesson.path}`), 'anonymous lesson page'),
				() => track(() => page(server, '/en/glossary'), 'glossary'),
				() => track(() => page(server, '/en', learner), 'home page'),
				() => track(() => page(server, '/me/data.json', learner), 'own record')
			];
			kinds[index % kinds.length]();
		}

		await new Promise((resolve) => setTimeout(resolve, sigtermAfterMs));
		const sigtermAt = performance.now();
		server.child.kill('SIGTERM');
		const finished = await Promise.all(requests);
		const exitCode = await server.exited;

		expect(finished.filter((request) => !request.ok)).toEqual([]);
		// The signal landed under load: the slow uploads, and part of the burst, were answered after it.
		const afterSigterm = finished.filter((request) => request.finishedAt > sigtermAt);
		test.info().annotations.push({
			type: 'answered after SIGTERM',
			description: `${afterSigterm.length} of ${finished.length} requests`
		});
		expect(afterSigterm.filter((request) => request.what === 'slow quiz post')).toHaveLength(slowUploads);
		expect(afterSigterm.filter((request) => request.what !== 'slow quiz post').length).toBeGreaterThan(0);
		expect(exitCode).toBe(0);
		if (env.DATA_DIR) expect(fs.existsSync(path.join(env.DATA_DIR, 'pglite.lock'))).toBe(false);

		// Every answer was recorded before the database closed.
		const again = await start();
		for (const learner of learners) {
			expect((await readOwnRecord(again, learner)).quizAttempts).toHaveLength(answered.get(learner)!);
		}
	} finally {
		await killAll(servers);
	}
}

test('on the embedded PGlite, SIGTERM lets every request in flight finish, then closes the database, unlocks and exits 0', async () => {
	await withFreshDataDir(stopUnderLoad);
});

test('on PostgreSQL, SIGTERM lets every request in flight finish, then exits 0', async () => {
	const missing = postgresMissing();
	test.skip(missing !== undefined, `not run: ${missing}`);
	await withServerDatabase(serverUrl!, stopUnderLoad);
});

test('SIGTERM ends the workshop rooms’ open event streams, so the process exits at once, not after the shutdown timeout', async () => {
	await withFreshDataDir(async ({ DATA_DIR }) => {
		const server = await startServer({ env: { DATA_DIR, LOG_LEVEL: 'warn' } });
		try {
			await waitUntilUp(server);
			const { facilitator, code } = await workshopOverHttp(server, 'Stopping', ['why-deportation-101']);
			await facilitator.dispose();
			const phones: RoomFollower[] = [];
			for (let index = 0; index < 3; index++) {
				const { workshopId, participant } = await joinOverHttp(server, code);
				phones.push(await followRoomEvents(server, workshopId, participant));
			}
			await expect.poll(() => phones.every((phone) => phone.rooms.length > 0)).toBe(true);

			const sigtermAt = performance.now();
			server.child.kill('SIGTERM');
			expect(await server.exited).toBe(0);
			// adapter-node would otherwise wait out SHUTDOWN_TIMEOUT (30 s), then cut the streams.
			expect(performance.now() - sigtermAt).toBeLessThan(5_000);
			await expect.poll(() => phones.map((phone) => phone.ended)).toEqual(phones.map(() => 'by the server'));
		} finally {
			await killAll([server]);
		}
	});
});
