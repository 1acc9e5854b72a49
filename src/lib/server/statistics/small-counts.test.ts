import { describe, expect, it } from 'vitest';
import { shownCount, shownShare } from './small-counts';

describe('the small-count rule', () => {
	it('shows one to four as "<5", and zero and five or more as they are', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 120].map(shownCount)).toEqual([0, '<5', '<5', '<5', '<5', 5, 6, 120]);
	});

	it('gives no share of a whole under five, and a share to one decimal otherwise', () => {
		expect(shownShare(3, 4)).toBeNull();
		expect(shownShare(0, 0)).toBeNull();
		expect(shownShare(2, 3 * 3)).toBe(22.2);
		expect(shownShare(5, 5)).toBe(100);
	});
});
