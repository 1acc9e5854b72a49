import { describe, expect, it } from 'vitest';
import { filterQuery, readFilters } from './filters';

const known = { regions: ['ny', 'ca'], facilitatorIds: ['f1'] };
const read = (query: string) => readFilters(new URLSearchParams(query), '2026-11-28', known);

describe('statistics filters', () => {
	it('default to the year up to today, every mode, no region or facilitator', () => {
		expect(read('')).toEqual({
			filters: { from: '2025-11-29', to: '2026-11-28', mode: 'all', region: null, facilitatorId: null },
			problems: []
		});
	});

	it('read a valid range, mode, region and facilitator, and write them back the same', () => {
		const query = 'from=2026-01-01&to=2026-03-31&mode=workshop&region=ny&facilitator=f1';
		const { filters, problems } = read(query);
		expect(filters).toEqual({ from: '2026-01-01', to: '2026-03-31', mode: 'workshop', region: 'ny', facilitatorId: 'f1' });
		expect(problems).toEqual([]);
		expect(filterQuery(filters)).toBe(query);
	});

	it('report dates that do not exist and swap a reversed range', () => {
		expect(read('from=2026-02-30').problems).toEqual(['date_invalid']);
		expect(read('from=2026-02-30').filters.from).toBe('2025-11-29');
		const reversed = read('from=2026-05-01&to=2026-01-01');
		expect(reversed.filters).toMatchObject({ from: '2026-01-01', to: '2026-05-01' });
		expect(reversed.problems).toEqual(['range_reversed']);
	});

	it('ignore an unknown mode, region or facilitator', () => {
		expect(read('mode=everything&region=tx&facilitator=someone').filters).toMatchObject({ mode: 'all', region: null, facilitatorId: null });
	});
});
