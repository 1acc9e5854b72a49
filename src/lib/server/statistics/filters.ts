import { addDays, parseDay } from '$lib/server/days';

// What a statistics page is asked to show: a date range, and optionally one mode, region or facilitator. Read from
// the query string so that a filtered view is a link that can be shared, bookmarked and exported as it is.

export const modes = ['all', 'self', 'workshop'] as const;
export type Mode = (typeof modes)[number];

export interface StatisticsFilters {
	/** First and last day included, as YYYY-MM-DD. */
	from: string;
	to: string;
	mode: Mode;
	/** Regions and facilitators belong to workshops: either one narrows the figures to workshops. */
	region: string | null;
	facilitatorId: string | null;
}

export type FilterProblem = 'date_invalid' | 'range_reversed';

/**
 * Reads the filters; anything unreadable falls back to its default (the year up to today, every mode) and is
 * reported, so the page can say what it ignored instead of failing.
 */
export function readFilters(
	params: URLSearchParams,
	today: string,
	known: { regions: string[]; facilitatorIds?: string[] }
): { filters: StatisticsFilters; problems: FilterProblem[] } {
	const problems: FilterProblem[] = [];
	const readDay = (name: string, fallback: string) => {
		const raw = params.get(name);
		if (!raw) return fallback;
		const day = parseDay(raw);
		if (!day) problems.push('date_invalid');
		return day ?? fallback;
	};
	let to = readDay('to', today);
	let from = readDay('from', addDays(to, -364));
	if (from > to) {
		problems.push('range_reversed');
		[from, to] = [to, from];
	}
	const mode = modes.find((candidate) => candidate === params.get('mode')) ?? 'all';
	const region = known.regions.find((code) => code === params.get('region')) ?? null;
	const wantedFacilitator = params.get('facilitator');
	const facilitatorId =
		wantedFacilitator && (!known.facilitatorIds || known.facilitatorIds.includes(wantedFacilitator)) ? wantedFacilitator : null;
	return { filters: { from, to, mode, region, facilitatorId }, problems: [...new Set(problems)] };
}

/** The filters as a query string, for links to exports of the same view. */
export function filterQuery(filters: StatisticsFilters): string {
	const params = new URLSearchParams({ from: filters.from, to: filters.to, mode: filters.mode });
	if (filters.region) params.set('region', filters.region);
	if (filters.facilitatorId) params.set('facilitator', filters.facilitatorId);
	return params.toString();
}
