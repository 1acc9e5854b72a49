import { describe, expect, it } from 'vitest';
import { roomSittingCompleted, selfPacedCompleted } from './completion';

describe('completed', () => {
	it('on one’s own: read to the end and quiz passed, both', () => {
		expect(selfPacedCompleted({ readOn: '2026-12-01', passedOn: '2026-12-02' })).toBe(true);
		expect(selfPacedCompleted({ readOn: null, passedOn: '2026-12-02' })).toBe(false);
		expect(selfPacedCompleted({ readOn: '2026-12-01', passedOn: null })).toBe(false);
	});

	it('in a room: right answers reach the pass mark over every question the room was asked', () => {
		expect(roomSittingCompleted({ correct: 3, asked: 4 }, 70)).toBe(true);
		expect(roomSittingCompleted({ correct: 7, asked: 10 }, 70)).toBe(true);
		expect(roomSittingCompleted({ correct: 2, asked: 3 }, 70)).toBe(false);
	});

	it('in a room: one right answer is not a completion when more questions were asked', () => {
		expect(roomSittingCompleted({ correct: 1, asked: 3 }, 70)).toBe(false);
		expect(roomSittingCompleted({ correct: 1, asked: 1 }, 70)).toBe(true);
	});

	it('in a room: nothing asked, nothing completed', () => {
		expect(roomSittingCompleted({ correct: 0, asked: 0 }, 0)).toBe(false);
	});
});
