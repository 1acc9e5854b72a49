import { describe, expect, it } from 'vitest';
import { editAgenda, hasStarted } from './agenda';

const known = new Set(['a', 'b', 'c', 'd']);
const notStarted = { endedAt: null, position: 0, openQuestionId: null };

describe('hasStarted', () => {
	it('is false for a room on its first lesson with no question open and no answer', () => {
		expect(hasStarted(notStarted, 0)).toBe(false);
	});

	it('is true once the room has moved on, a question is open, an answer is in, or the workshop ended', () => {
		expect(hasStarted({ ...notStarted, position: 1 }, 0)).toBe(true);
		expect(hasStarted({ ...notStarted, openQuestionId: 'q' }, 0)).toBe(true);
		expect(hasStarted(notStarted, 1)).toBe(true);
		expect(hasStarted({ ...notStarted, endedAt: new Date() }, 0)).toBe(true);
	});
});

describe('editAgenda', () => {
	it('moves a lesson one place up or down', () => {
		expect(editAgenda(['a', 'b', 'c'], { kind: 'up', lessonId: 'b' }, known)).toEqual(['b', 'a', 'c']);
		expect(editAgenda(['a', 'b', 'c'], { kind: 'down', lessonId: 'b' }, known)).toEqual(['a', 'c', 'b']);
	});

	it('refuses to move the first lesson up or the last one down', () => {
		expect(editAgenda(['a', 'b'], { kind: 'up', lessonId: 'a' }, known)).toBeUndefined();
		expect(editAgenda(['a', 'b'], { kind: 'down', lessonId: 'b' }, known)).toBeUndefined();
	});

	it('adds a known lesson at the end, once', () => {
		expect(editAgenda(['a'], { kind: 'add', lessonId: 'd' }, known)).toEqual(['a', 'd']);
		expect(editAgenda(['a'], { kind: 'add', lessonId: 'a' }, known)).toBeUndefined();
		expect(editAgenda(['a'], { kind: 'add', lessonId: 'nope' }, known)).toBeUndefined();
	});

	it('takes a lesson out, but never the last one left', () => {
		expect(editAgenda(['a', 'b'], { kind: 'remove', lessonId: 'a' }, known)).toEqual(['b']);
		expect(editAgenda(['a'], { kind: 'remove', lessonId: 'a' }, known)).toBeUndefined();
	});

	it('refuses a lesson that is not on the agenda', () => {
		expect(editAgenda(['a'], { kind: 'up', lessonId: 'c' }, known)).toBeUndefined();
		expect(editAgenda(['a'], { kind: 'remove', lessonId: 'c' }, known)).toBeUndefined();
	});
});
