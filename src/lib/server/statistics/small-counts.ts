// The rule that keeps the figures from singling anyone out: a cell that counts fewer than five learners is shown,
// on screen and in every export, as "<5", and a share computed from fewer than five is not shown at all. A zero
// is shown as it is: it says nothing about anyone.

export const fewest = 5;
export const suppressed = '<5';

export type ShownCount = number | typeof suppressed;

export function shownCount(count: number): ShownCount {
	return count > 0 && count < fewest ? suppressed : count;
}

/** part / whole as a percentage with one decimal, or null when the whole is too small to show. */
export function shownShare(part: number, whole: number): number | null {
	if (whole < fewest) return null;
	return Math.round((part / whole) * 1000) / 10;
}
