import { expect, test } from '@playwright/test';
import {
	createLearner,
	expectedScore,
	newSubmissionKey,
	postQuiz,
	readOwnRecord,
	type Learner
} from '../helpers/learner-requests';
import { lessonAt } from '../helpers/lessons';
import { killAll, serverOn, withFreshDataDir, type RunningServer } from '../helpers/server';
import { postgresMissing, serverUrl, withServerDatabase } from '../helpers/test-databases';

// The server killed outright (SIGKILL: no shutdown, no flush) in the middle of a burst of quiz answers, again and
// again on the same database. What must hold after every restart: each answer the server acknowledged is there,
// as it was sent; nothing is there twice; and a client resending an unacknowledged answer under its key gets it
// counted once.
//
// The checks read the database through the app, as the learner would (/me/data.json and the quiz's own replay
// answer), rather than opening the database beside it: that is what a learner is promised, it works the same on
// both drivers, and it reads the data after the app's own crash recovery, with the server that will serve it.

const lesson = lessonAt('two-systems/why-deportation-101');
const learnerCount = 4;
const submissionsPerLearner = 15;
const concurrency = 12;
/** Acknowledgements to wait for before each kill: early, late and in between. */
const killAfterAcks = [8, 40, 20, 52, 3, 30, 14, 45];

interface Submission {
	learner: Learner;
	key: string;
	right: boolean;
}

interface BurstResult {
	acknowledged: Submission[];
	/** Sent, then cut off by the kill before the whole answer came back. */
	unacknowledged: Submission[];
	/** Answered in full, but not with a graded attempt (never expected). */
	refused: { submission: Submission; status: number }[];
}

/** Sends the submissions `concurrency` at a time and SIGKILLs the server once `killAfter` are acknowledged. */
async function burstThenKill(server: RunningServer, submissions: Submission[], killAfter: number): Promise<BurstResult> {
	const result: BurstResult = { acknowledged: [], unacknowledged: [], refused: [] };
	let next = 0;
	let killed = false;
	async function worker() {
		while (!killed && next < submissions.length) {
			const submission = submissions[next++];
			try {
				const outcome = await postQuiz(server, submission.learner, lesson, submission.key, submission.right);
				if (outcome.status === 200 && outcome.score && !outcome.learnerReplaced) result.acknowledged.push(submission);
				else result.refused.push({ submission, status: outcome.status });
			} catch {
				result.unacknowledged.push(submission);
			}
			if (!killed && result.acknowledged.length >= killAfter) {
				killed = true;
				server.child.kill('SIGKILL');
			}
		}
	}
	await Promise.all(Array.from({ length: concurrency }, worker));
	return result;
}

function countBy(submissions: Submission[], learner: Learner, predicate: (submission: Submission) => boolean = () => true) {
	return submissions.filter((submission) => submission.learner === learner && predicate(submission)).length;
}

async function killAgainAndAgain(env: Record<string, string>) {
	const { servers, start } = serverOn(env);
	try {
		let server = await start();
		const learners: Learner[] = [];
		for (let index = 0; index < learnerCount; index++) learners.push(await createLearner(server, lesson));
		/** Every submission whose key has been sent at least once, and so must end up recorded exactly once. */
		const settled: Submission[] = [];
		const rounds: { acknowledged: number; unacknowledged: number; recordedUnacknowledged: number }[] = [];

		for (const killAfter of killAfterAcks) {
			const submissions = learners.flatMap((learner) =>
				Array.from({ length: submissionsPerLearner }, (_, index) => ({ learner, key: newSubmissionKey(), right: index % 3 !== 0 }))
			);
			// Interleaved, so that every learner is mid-burst when the kill lands.
			submissions.sort((a, b) => a.key.localeCompare(b.key));
			const burst = await burstThenKill(server, submissions, killAfter);
			expect(await server.exited, 'the server died of the SIGKILL').toBeNull();
			expect(burst.refused).toEqual([]);

			server = await start();
			let recordedUnacknowledged = 0;
			for (const learner of learners) {
				const attempts = (await readOwnRecord(server, learner)).quizAttempts.length;
				const mustHave = countBy(settled, learner) + countBy(burst.acknowledged, learner);
				// Unacknowledged answers may or may not have been recorded before the kill; acknowledged ones must.
				expect(attempts).toBeGreaterThanOrEqual(mustHave);
				expect(attempts).toBeLessThanOrEqual(mustHave + countBy(burst.unacknowledged, learner));
				recordedUnacknowledged += attempts - mustHave;
			}

			// Replayed with the opposite answers, an acknowledged key must get back what was recorded for it then:
			// had the attempt been lost, the replay would be recorded instead, with the other score.
			for (const submission of burst.acknowledged) {
				const replay = await postQuiz(server, submission.learner, lesson, submission.key, !submission.right);
				expect(replay.status).toBe(200);
				expect(replay.score).toEqual(expectedScore(lesson, submission.right));
			}
			// A client that never got its answer sends the same form again.
			for (const submission of burst.unacknowledged) {
				const retry = await postQuiz(server, submission.learner, lesson, submission.key, submission.right);
				expect(retry.status).toBe(200);
				expect(retry.score).toEqual(expectedScore(lesson, submission.right));
			}

			settled.push(...burst.acknowledged, ...burst.unacknowledged);
			for (const learner of learners) {
				const attempts = (await readOwnRecord(server, learner)).quizAttempts;
				expect(attempts).toHaveLength(countBy(settled, learner));
				expect(attempts.filter((attempt) => attempt.passed)).toHaveLength(countBy(settled, learner, (submission) => submission.right));
			}
			rounds.push({
				acknowledged: burst.acknowledged.length,
				unacknowledged: burst.unacknowledged.length,
				recordedUnacknowledged
			});
		}

		test.info().annotations.push({ type: 'rounds', description: JSON.stringify(rounds) });
		// Each kill landed mid-burst: some answers had come back, others were still on their way.
		for (const round of rounds) {
			expect(round.acknowledged).toBeGreaterThan(0);
			expect(round.unacknowledged).toBeGreaterThan(0);
		}
	} finally {
		await killAll(servers);
	}
}

test('on the embedded PGlite, answers acknowledged before each SIGKILL survive it, and resent ones count once', async () => {
	await withFreshDataDir(killAgainAndAgain);
});

test('on PostgreSQL, answers acknowledged before each SIGKILL survive it, and resent ones count once', async () => {
	const missing = postgresMissing();
	test.skip(missing !== undefined, `not run: ${missing}`);
	await withServerDatabase(serverUrl!, killAgainAndAgain);
});
