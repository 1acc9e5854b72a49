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

// Words for names given to people who would rather not type one: common, kind, easy to say aloud, and in Spanish
// adjectives that do not change with the animal's gender. 1,600 in English, 1,000 in Spanish.
const nameWords = {
	en: {
		adjectives: ['Blue', 'Green', 'Golden', 'Quiet', 'Brave', 'Bright', 'Swift', 'Gentle', 'Tall', 'Red', 'Calm', 'Clever', 'Kind', 'Happy', 'Proud', 'Silver', 'Sunny', 'Steady', 'Bold', 'Wise', 'Quick', 'Patient', 'Lucky', 'Warm', 'Cheerful', 'Curious', 'Friendly', 'Strong', 'Loyal', 'Free', 'Honest', 'Hopeful', 'Joyful', 'Lively', 'Noble', 'Playful', 'Merry', 'Graceful', 'Humble', 'Peaceful'],
		animals: ['Heron', 'Fox', 'Owl', 'Otter', 'Deer', 'Hawk', 'Turtle', 'Finch', 'Bear', 'Crane', 'Eagle', 'Dolphin', 'Rabbit', 'Beaver', 'Badger', 'Falcon', 'Sparrow', 'Robin', 'Jaguar', 'Lion', 'Tiger', 'Panda', 'Koala', 'Zebra', 'Horse', 'Whale', 'Seal', 'Swan', 'Goose', 'Duck', 'Parrot', 'Pelican', 'Penguin', 'Bison', 'Moose', 'Lynx', 'Wolf', 'Hummingbird', 'Butterfly', 'Squirrel']
	},
	es: {
		adjectives: ['Alegre', 'Amable', 'Valiente', 'Veloz', 'Feliz', 'Fuerte', 'Tenaz', 'Audaz', 'Capaz', 'Gentil', 'Ágil', 'Dulce', 'Libre', 'Noble', 'Firme', 'Leal', 'Sonriente', 'Paciente', 'Brillante', 'Inteligente', 'Amigable', 'Constante', 'Elegante', 'Humilde', 'Optimista'],
		animals: ['Búho', 'Zorro', 'Venado', 'Halcón', 'Colibrí', 'Jaguar', 'León', 'Tigre', 'Oso', 'Lobo', 'Delfín', 'Conejo', 'Castor', 'Águila', 'Gorrión', 'Pelícano', 'Pingüino', 'Caballo', 'Tucán', 'Quetzal', 'Cóndor', 'Puma', 'Ocelote', 'Armadillo', 'Coyote', 'Flamenco', 'Loro', 'Cisne', 'Pato', 'Ganso', 'Panda', 'Koala', 'Bisonte', 'Lince', 'Tapir', 'Manatí', 'Perico', 'Gallo', 'Borrego', 'Cenzontle']
	}
} as const;

/** Every name `generatedName` gives before it numbers them. */
export function generatedNames(locale: 'en' | 'es'): string[] {
	const { adjectives, animals } = nameWords[locale];
	return animals.flatMap((animal) => adjectives.map((adjective) => (locale === 'es' ? `${animal} ${adjective}` : `${adjective} ${animal}`)));
}

/**
 * A friendly name for someone who would rather not give one, e.g. "Blue Heron" or "Colibrí Alegre", not one of
 * `taken`. When most names are taken, a number tells two apart.
 */
export function generatedName(locale: 'en' | 'es' = 'en', taken: ReadonlySet<string> = new Set()): string {
	const { adjectives, animals } = nameWords[locale];
	const compose = (adjective: string, animal: string) => (locale === 'es' ? `${animal} ${adjective}` : `${adjective} ${animal}`);
	const random = (n: number) => crypto.getRandomValues(new Uint32Array(1))[0] % n;
	for (let attempt = 0; attempt < 50; attempt++) {
		const name = compose(adjectives[random(adjectives.length)], animals[random(animals.length)]);
		if (!taken.has(name)) return name;
	}
	// A crowded room: walk every name from a random start, then number them.
	const all = adjectives.length * animals.length;
	const start = random(all);
	for (let round = 1; ; round++) {
		for (let i = 0; i < all; i++) {
			const k = (start + i) % all;
			const base = compose(adjectives[k % adjectives.length], animals[Math.floor(k / adjectives.length)]);
			const name = round === 1 ? base : `${base} ${round}`;
			if (!taken.has(name)) return name;
		}
	}
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
