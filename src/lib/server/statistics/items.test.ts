import { describe, expect, it } from 'vitest';
import { discriminationIndex, fewestForFlags, flagsFor, groupSize } from './items';

describe('item analysis arithmetic', () => {
	it('takes 27 % of the sittings for each group, at least one', () => {
		expect([1, 3, 10, 100, 370].map(groupSize)).toEqual([1, 1, 3, 27, 100]);
	});

	it('subtracts the lower group’s share right from the upper group’s', () => {
		expect(discriminationIndex(27, 9, 27)).toBe(0.67);
		expect(discriminationIndex(5, 10, 27)).toBe(-0.19);
	});

	const typical = { sittings: 100, correctShare: 60, discrimination: 0.4, topWrongShare: 20 };

	it('flags too easy, too hard and misleading questions', () => {
		expect(flagsFor(typical)).toEqual([]);
		expect(flagsFor({ ...typical, correctShare: 95, topWrongShare: 3 })).toEqual(['too_easy']);
		expect(flagsFor({ ...typical, correctShare: 20 })).toEqual(['too_hard']);
		expect(flagsFor({ ...typical, discrimination: -0.1 })).toEqual(['misleading']);
		expect(flagsFor({ ...typical, correctShare: 25, topWrongShare: 55 })).toEqual(['too_hard', 'misleading']);
	});

	it('raises no flag on too few sittings', () => {
		expect(flagsFor({ ...typical, sittings: fewestForFlags - 1, correctShare: 5 })).toEqual([]);
	});
});
