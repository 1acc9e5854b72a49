import { setMaxListeners } from 'node:events';
import { expect, it } from 'vitest';
import * as accounts from '../../src/lib/server/auth/accounts';
import { course } from '../../src/lib/server/curriculum';
import type { Database } from '../../src/lib/server/db';
import * as learners from '../../src/lib/server/learners/learners';
import { participantFeed } from '../../src/lib/server/workshops/feeds';
import { coalesceMs, roomStream } from '../../src/lib/server/workshops/stream';
import * as workshops from '../../src/lib/server/workshops/workshops';
import { describeEachDatabase } from '../helpers/test-databases';

// The room's event streams on one process share their work: each change is read once for the whole room (one view
// per kind and language, one roster for every phone), however many phones are open. Issue 16: 1,000 phones.

const agenda = ['why-deportation-101', 'status-basics'];
const question = course.quizzes.get('why-deportation-101')!.questions.find((q) => q.type !== 'multiple')!;
const choice = question.type === 'true_false' ? 'true' : question.choices[0].id;
const phones = 12;
let counter = 0;

/** The database, counting the statements begun through it. */
function counting(db: Database) {
	let statements = 0;
	const counted = new Proxy(db, {
		get(target, property, receiver) {
			const value = Reflect.get(target, property, receiver);
			if (typeof value === 'function' && ['select', 'execute', 'insert', 'update', 'delete', 'transaction'].includes(String(property))) {
				return (...args: unknown[]) => (statements++, value.apply(target, args));
			}
			return value;
		}
	});
	return { db: counted, statements: () => statements };
}

/** Reads a stream in the background: each room it sent, and whether the server ended it. */
function read(response: Response) {
	const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
	const state = { rooms: [] as workshops.Room[], ended: false, buffer: '' };
	void (async () => {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) return void (state.ended = true);
			state.buffer += value;
			let end: number;
			while ((end = state.buffer.indexOf('\n\n')) >= 0) {
				const data = state.buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
				state.buffer = state.buffer.slice(end + 2);
				if (data) state.rooms.push(JSON.parse(data.slice(6)));
			}
		}
	})().catch(() => {});
	return { state, last: () => state.rooms.at(-1), cancel: () => reader.cancel().catch(() => {}) };
}

const until = async (done: () => boolean) => {
	for (let waited = 0; !done() && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
};

describeEachDatabase('a room’s event streams on one process', (db) => {
	async function roomWithPhones() {
		const created = await accounts.create(db(), { email: `streams${++counter}-${Date.now()}@example.org`, displayName: 'F', password: 'river stone lantern 42', role: 'facilitator' });
		if (!('user' in created)) throw new Error(created.problem);
		const workshop = await workshops.create(db(), created.user.id, { title: 'T', heldOn: '2026-11-28', agenda });
		const people = [];
		for (let index = 0; index < phones; index++) {
			const { learner } = await learners.create(db());
			people.push({ learner, person: await workshops.join(db(), workshop.id, learner.id, { displayName: `P${index}`, isGroup: false }) });
		}
		return { workshop, people };
	}

	it(`reads each change once for the whole room, not once per phone (${phones} phones, two languages)`, async () => {
		const { workshop, people } = await roomWithPhones();
		const { db: counted, statements } = counting(db());
		const abort = new AbortController();
		setMaxListeners(phones + 1, abort.signal);
		const streams = await Promise.all(
			people.map(async ({ learner, person }, index) =>
				read(await roomStream(participantFeed(workshop.id, person.id, learner, index % 2 ? 'es' : 'en', counted), abort.signal))
			)
		);
		await until(() => streams.every((stream) => stream.state.rooms.length === 1));
		const before = statements();

		await workshops.changeRoom(db(), (await workshops.get(db(), workshop.id))!, { openQuestionId: question.id });
		await until(() => streams.every((stream) => stream.last()?.question?.id === question.id));
		// Two views (one per language, three statements each) and one roster; never one per phone.
		expect(statements() - before).toBeLessThanOrEqual(2 * 3 + 1);

		abort.abort();
		await Promise.all(streams.map((stream) => stream.cancel()));
	});

	it('gives each phone its own answer, and ends the stream of a removed participant at the next change, only theirs', async () => {
		const { workshop, people } = await roomWithPhones();
		await workshops.changeRoom(db(), workshop, { openQuestionId: question.id });
		const abort = new AbortController();
		setMaxListeners(phones + 1, abort.signal);
		const streams = await Promise.all(people.map(async ({ learner, person }) => read(await roomStream(participantFeed(workshop.id, person.id, learner, 'en', db()), abort.signal))));
		await until(() => streams.every((stream) => stream.state.rooms.length >= 1));

		const open = (await workshops.get(db(), workshop.id))!;
		expect(await workshops.answer(db(), open, people[0].person.id, { questionId: question.id, chosen: [choice] })).toBe('recorded');
		await until(() => streams[0].last()?.me?.chosen !== null);
		expect(streams[0].last()!.me).toEqual({ displayName: 'P0', removed: false, chosen: [choice] });
		expect(streams.slice(1).every((stream) => stream.last()!.me?.chosen === null)).toBe(true);

		await new Promise((resolve) => setTimeout(resolve, coalesceMs));
		const sent = streams[1].state.rooms.length;
		await workshops.removeParticipant(db(), open, people[1].person.id);
		await until(() => streams[1].state.ended);
		expect(streams[1].state.ended).toBe(true);
		expect(streams[1].state.rooms.length).toBe(sent);
		expect(streams.filter((stream) => stream.state.ended)).toHaveLength(1);

		abort.abort();
		await Promise.all(streams.map((stream) => stream.cancel()));
	});

	it('folds a burst of changes into few messages, the last of them current', async () => {
		const { workshop, people } = await roomWithPhones();
		await workshops.changeRoom(db(), workshop, { openQuestionId: question.id });
		const abort = new AbortController();
		setMaxListeners(phones + 1, abort.signal);
		const [{ learner, person }] = people;
		const phone = read(await roomStream(participantFeed(workshop.id, person.id, learner, 'en', db()), abort.signal));
		await until(() => phone.state.rooms.length === 1);
		const open = (await workshops.get(db(), workshop.id))!;
		await Promise.all(people.map(({ person: p }) => workshops.answer(db(), open, p.id, { questionId: question.id, chosen: [choice] })));
		await until(() => phone.last()?.answered === phones);
		expect(phone.last()!.answered).toBe(phones);
		// The first answer goes out at once, the rest fold into the rounds that follow: far fewer than one each.
		expect(phone.state.rooms.length).toBeLessThan(1 + phones / 2);
		abort.abort();
		await phone.cancel();
	});
});
