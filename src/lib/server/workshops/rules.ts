import { course } from '$lib/server/curriculum';
import { addDays, parseDay, sameDayNextYear, startOfDay } from '$lib/server/days';

// The pure rules of a workshop: its date, join codes, generated names and ready-made agendas.

/** No 0/O, 1/I/L, 2/Z, 5/S or 8/B: a code read off a projector is typed right the first time. */
const codeAlphabet = 'ACDEFGHJKMNPQRTUVWXY34679';
export const joinCodeLength = 6;
export const joinLifetimeMs = 15 * 24 * 60 * 60_000;

export type HeldOnProblem = 'date_invalid' | 'date_past' | 'date_too_far';

/**
 * The days a workshop can be planned on, seen from `today` (UTC): from yesterday, because yesterday in UTC is still
 * today for a facilitator west of it, up to a year ahead. A date outside is nearly always a typo, and a workshop's
 * date decides when its participants' data is erased.
 */
export function plannableDays(today: string): { earliest: string; latest: string } {
	return { earliest: addDays(today, -1), latest: sameDayNextYear(today) };
}

/** Why a workshop cannot be held on this day, or undefined when it can. */
export function heldOnProblem(value: string, today: string): HeldOnProblem | undefined {
	const day = parseDay(value);
	if (!day) return 'date_invalid';
	const { earliest, latest } = plannableDays(today);
	if (day < earliest) return 'date_past';
	if (day > latest) return 'date_too_far';
}

/** Joining stays open for a while from the workshop's day, or from its planning when that is later. */
export function joinExpiry(heldOn: string, now: Date): Date {
	return new Date(Math.max(now.getTime(), startOfDay(heldOn).getTime()) + joinLifetimeMs);
}

export function generateJoinCode(): string {
	// 250 is the largest multiple of 25 below 256: rejecting higher bytes keeps every symbol equally likely.
	let code = '';
	while (code.length < joinCodeLength) {
		for (const byte of crypto.getRandomValues(new Uint8Array(12))) {
			if (byte < 250 && code.length < joinCodeLength) code += codeAlphabet[byte % 25];
		}
	}
	return code;
}

/** Upper case without spaces or dashes; undefined when it cannot be a join code. */
export function normalizeJoinCode(input: string): string | undefined {
	const code = input.toUpperCase().replace(/[\s-]/g, '');
	return code.length === joinCodeLength && [...code].every((char) => codeAlphabet.includes(char)) ? code : undefined;
}

const adjectives = ['Blue', 'Green', 'Golden', 'Quiet', 'Brave', 'Bright', 'Swift', 'Gentle', 'Tall', 'Red'];
const animals = ['Heron', 'Fox', 'Owl', 'Otter', 'Deer', 'Hawk', 'Turtle', 'Finch', 'Bear', 'Crane'];

/** A friendly name for someone who would rather not give one, e.g. "Blue Heron". */
export function generatedName(): string {
	const [a, b] = crypto.getRandomValues(new Uint8Array(2));
	return `${adjectives[a % adjectives.length]} ${animals[b % animals.length]}`;
}

/**
 * Whether the room takes answers to this question: it is the open one, the workshop goes on, and the answer is not
 * revealed yet. After the reveal every screen shows the tally, and the facilitator who has answered: an answer
 * then would show its choice beside its name.
 */
export function answersOpen(room: { endedAt: Date | null; openQuestionId: string | null; revealed: boolean }, questionId: string): boolean {
	return room.endedAt === null && room.openQuestionId === questionId && !room.revealed;
}

export type AgendaTemplate = 'one-day' | 'two-day';

/**
 * Ready-made agendas, to pick and edit: a one-day training covers the two systems, the grounds, knowing your
 * rights, the family plan and case campaigns; a two-day training covers every lesson.
 */
export function readyMadeAgenda(template: AgendaTemplate): string[] {
	const all = course.lessons.map((lesson) => lesson.id);
	if (template === 'two-day') return all;
	const oneDay = new Set(['why-deportation-101', 'criminal-process', 'crime-based-grounds', 'know-your-rights', 'family-emergency-plan', 'case-campaigns']);
	return all.filter((id) => oneDay.has(id));
}
