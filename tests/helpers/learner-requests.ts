import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { quizForm, type LessonFiles } from './lessons';
import type { RunningServer } from './server';

// An anonymous learner's requests as plain fetch calls, the learner cookie carried by hand: the same learner goes
// on across server processes that are killed and started again on other ports.

export interface Learner {
	/** The `d101_learner=…` pair to send back. */
	cookie: string;
}

export interface QuizOutcome {
	status: number;
	/** The score the page shows, present when the attempt was graded and recorded. */
	score?: { correct: number; total: number };
	/** True when the server handed out another learner cookie: it no longer knew this learner. */
	learnerReplaced: boolean;
}

const learnerCookiePattern = /^d101_learner=[^;]+/;

/** A submission key as the quiz form carries it. */
export function newSubmissionKey(): string {
	return randomBytes(18).toString('base64url');
}

function formPost(server: RunningServer, body: URLSearchParams, cookie = ''): RequestInit {
	return {
		method: 'POST',
		headers: { origin: server.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', cookie },
		body: body.toString(),
		redirect: 'manual'
	};
}

function learnerCookieIn(setCookieLines: string[]): string | undefined {
	for (const line of setCookieLines) {
		const pair = learnerCookiePattern.exec(line)?.[0];
		if (pair && pair !== 'd101_learner=') return pair;
	}
	return undefined;
}

/** The learner whose cookie a response sets (joining a workshop, say), if it sets one. */
export function learnerSetBy(response: Response): Learner | undefined {
	const cookie = learnerCookieIn(response.headers.getSetCookie());
	return cookie ? { cookie } : undefined;
}

/** Makes a learner the way the site does: marking a lesson read records the learner and sets its cookie. */
export async function createLearner(server: RunningServer, lesson: LessonFiles): Promise<Learner> {
	const response = await fetch(`${server.url}/en/learn/${lesson.path}?/read`, formPost(server, new URLSearchParams()));
	await response.text();
	const cookie = learnerCookieIn(response.headers.getSetCookie());
	if (response.status !== 200 || !cookie) throw new Error(`Marking a lesson read answered ${response.status} and no learner cookie`);
	return { cookie };
}

/**
 * Posts a quiz as a browser without JavaScript does and reads the whole page it gets back; rejects when the
 * connection fails before the page has arrived in full.
 */
export async function postQuiz(
	server: RunningServer,
	learner: Learner,
	lesson: LessonFiles,
	submissionKey: string,
	right: boolean
): Promise<QuizOutcome> {
	const response = await fetch(
		`${server.url}/en/learn/${lesson.path}?/answer`,
		formPost(server, quizForm(lesson, submissionKey, right), learner.cookie)
	);
	return outcomeOf(learner, response.status, await response.text(), response.headers.getSetCookie());
}

function outcomeOf(learner: Learner, status: number, html: string, setCookieLines: string[]): QuizOutcome {
	const shown = /You got (\d+) of (\d+) right/.exec(html);
	const replacement = learnerCookieIn(setCookieLines);
	return {
		status,
		score: shown ? { correct: Number(shown[1]), total: Number(shown[2]) } : undefined,
		learnerReplaced: replacement !== undefined && replacement !== learner.cookie
	};
}

/**
 * The same post from a client on a slow network: the headers and half the form at once, the rest `pauseMs` later,
 * on a connection of its own. The server is handling it (waiting for the body) the whole time.
 */
export function postQuizSlowly(
	server: RunningServer,
	learner: Learner,
	lesson: LessonFiles,
	submissionKey: string,
	right: boolean,
	pauseMs: number
): Promise<QuizOutcome> {
	const body = Buffer.from(quizForm(lesson, submissionKey, right).toString());
	return new Promise((resolve, reject) => {
		const request = http.request(`${server.url}/en/learn/${lesson.path}?/answer`, {
			method: 'POST',
			agent: false,
			headers: {
				origin: server.origin,
				accept: 'text/html',
				'content-type': 'application/x-www-form-urlencoded',
				'content-length': body.length,
				cookie: learner.cookie
			}
		});
		request.on('error', reject);
		request.on('response', (response) => {
			let html = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (html += chunk));
			response.on('error', reject);
			response.on('aborted', () => reject(new Error('The response was cut off')));
			response.on('end', () =>
				resolve(outcomeOf(learner, response.statusCode ?? 0, html, response.headers['set-cookie'] ?? []))
			);
		});
		const half = Math.floor(body.length / 2);
		request.write(body.subarray(0, half));
		setTimeout(() => request.end(body.subarray(half)), pauseMs);
	});
}

/** The score a graded attempt with these answers shows. */
export function expectedScore(lesson: LessonFiles, right: boolean): { correct: number; total: number } {
	const total = lesson.quiz.questions.length;
	return { correct: right ? total : 0, total };
}

export interface OwnRecord {
	quizAttempts: { lessonId: string; correct: number; total: number; passed: boolean }[];
}

/** What the learner can download about themselves (/me/data.json): everything the database holds on them. */
export async function readOwnRecord(server: RunningServer, learner: Learner): Promise<OwnRecord> {
	const response = await fetch(`${server.url}/me/data.json`, { headers: { cookie: learner.cookie } });
	if (response.status !== 200) throw new Error(`/me/data.json answered ${response.status}`);
	const record = (await response.json()) as OwnRecord | null;
	if (!record) throw new Error('The server no longer knows this learner');
	return record;
}
