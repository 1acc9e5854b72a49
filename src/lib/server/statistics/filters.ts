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

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const dayMs = 86_400_000;

function validDay(value: string | null): string | null {
	if (!value || !isoDay.test(value)) return null;
	const date = new Date(`${value}T00:00:00Z`);
	return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value ? null : value;
}

function dayBefore(day: string, days: number): string {
	return new Date(new Date(`${day}T00:00:00Z`).getTime() - days * dayMs).toISOString().slice(0, 10);
}

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
		const day = validDay(raw);
		if (!day) problems.push('date_invalid');
		return day ?? fallback;
	};
	let to = readDay('to', today);
	let from = readDay('from', dayBefore(to, 364));
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
