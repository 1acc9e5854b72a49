import type { Locale } from './schema';

// The workshop-level guide for facilitators (curriculum/workshop-guide.<lang>.svx): a one-day and a two-day plan, as
// markdown tables of start time, minutes and what happens, and a safety protocol. The staff page /guide renders it;
// this module also reads its day plans, so a test can check that their times add up and that both languages agree.

/** The guide's file, as the curriculum's renderer names it. */
export function guideFile(locale: Locale): string {
	return `/curriculum/workshop-guide.${locale}.svx`;
}

export interface PlanRow {
	/** Minutes since midnight. */
	start: number;
	minutes: number;
	what: string;
	/** Lessons the row links to, as "module-slug/lesson-slug" (their address under /learn). */
	lessons: string[];
	line: number;
}

export interface DayPlan {
	/** The text of the nearest heading above the table. */
	heading: string;
	rows: PlanRow[];
	/** The end of the day as the text states it, in the first line after the table; undefined if none is stated. */
	statedEnd: number | undefined;
	line: number;
}

const time = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function parseTime(text: string): number | undefined {
	const match = time.exec(text.trim());
	return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function formatTime(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function cells(line: string): string[] {
	return line
		.trim()
		.replace(/^\|/, '')
		.replace(/\|$/, '')
		.split('|')
		.map((cell) => cell.trim());
}

const separator = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

/**
 * The day plans in a guide: every markdown table whose data rows start with a time (HH:MM) and a number of
 * minutes. A row that does not is reported as a plan row with NaN, so the check fails instead of skipping it.
 */
export function parseDayPlans(source: string): DayPlan[] {
	const lines = source.split('\n');
	const plans: DayPlan[] = [];
	let heading = '';
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index];
		const headingMatch = /^#{1,6}\s+(.*)$/.exec(line);
		if (headingMatch) {
			heading = headingMatch[1].trim();
			continue;
		}
		if (!line.trim().startsWith('|') || !separator.test((lines[index + 1] ?? '').trim())) continue;
		const tableLine = index + 1;
		const rows: PlanRow[] = [];
		index += 2;
		while (index < lines.length && lines[index].trim().startsWith('|')) {
			const [start, minutes, what = ''] = cells(lines[index]);
			rows.push({
				start: parseTime(start) ?? Number.NaN,
				minutes: /^\d+$/.test(minutes ?? '') ? Number(minutes) : Number.NaN,
				what,
				lessons: [...what.matchAll(/\]\(\/learn\/([a-z0-9-]+\/[a-z0-9-]+)\)/g)].map((match) => match[1]),
				line: index + 1
			});
			index++;
		}
		while (index < lines.length && lines[index].trim() === '') index++;
		const after = index < lines.length && !lines[index].startsWith('#') ? lines[index] : '';
		const stated = /\b(\d{1,2}:\d{2})\b/.exec(after)?.[1];
		plans.push({ heading, rows, statedEnd: stated === undefined ? undefined : parseTime(stated), line: tableLine });
		index--;
	}
	return plans;
}

/** Where a plan ends: the end of its last row. */
export function planEnd(plan: DayPlan): number {
	const last = plan.rows.at(-1);
	return last ? last.start + last.minutes : Number.NaN;
}

/**
 * Problems with the day plans of one guide: times that do not follow on, a stated end that is not the end of
 * the last row, a lesson link to a lesson that does not exist, or a lesson given more minutes than it has.
 * `lessons` maps each lesson's "module-slug/lesson-slug" to its `minutes.workshop`.
 */
export function checkDayPlans(plans: DayPlan[], lessons: ReadonlyMap<string, number>): string[] {
	const problems: string[] = [];
	if (plans.length === 0) problems.push('has no day-plan table');
	for (const plan of plans) {
		const where = `plan "${plan.heading}" (line ${plan.line})`;
		if (plan.rows.length === 0) problems.push(`${where} has no rows`);
		plan.rows.forEach((row, position) => {
			if (Number.isNaN(row.start)) problems.push(`${where}, line ${row.line}: the start is not a time (HH:MM)`);
			if (Number.isNaN(row.minutes) || row.minutes <= 0) problems.push(`${where}, line ${row.line}: the minutes are not a positive whole number`);
			const previous = plan.rows[position - 1];
			if (previous && previous.start + previous.minutes !== row.start) {
				problems.push(
					`${where}, line ${row.line}: starts at ${formatTime(row.start)}, but the row before ends at ${formatTime(previous.start + previous.minutes)}`
				);
			}
			for (const lesson of row.lessons) {
				const minutes = lessons.get(lesson);
				if (minutes === undefined) problems.push(`${where}, line ${row.line}: no lesson /learn/${lesson}`);
				else if (row.minutes > minutes) problems.push(`${where}, line ${row.line}: gives /learn/${lesson} ${row.minutes} minutes, more than its ${minutes}`);
			}
			if (row.lessons.length > 1) problems.push(`${where}, line ${row.line}: names more than one lesson in a row`);
		});
		if (plan.statedEnd === undefined) problems.push(`${where}: the line after the table does not say when the day ends (HH:MM)`);
		else if (plan.rows.length > 0 && plan.statedEnd !== planEnd(plan)) {
			problems.push(`${where}: says the day ends at ${formatTime(plan.statedEnd)}, but its last row ends at ${formatTime(planEnd(plan))}`);
		}
	}
	return problems;
}

/** Differences in time between two languages' plans: the same tables, rows, starts, minutes and lessons. */
export function compareDayPlans(english: DayPlan[], other: DayPlan[]): string[] {
	const problems: string[] = [];
	if (english.length !== other.length) problems.push(`has ${other.length} day plans, the English guide ${english.length}`);
	english.forEach((plan, index) => {
		const translated = other[index];
		if (!translated) return;
		const where = `plan ${index + 1} ("${translated.heading}")`;
		if (plan.rows.length !== translated.rows.length) {
			problems.push(`${where} has ${translated.rows.length} rows, the English ${plan.rows.length}`);
		}
		plan.rows.forEach((row, position) => {
			const match = translated.rows[position];
			if (!match) return;
			if (row.start !== match.start || row.minutes !== match.minutes) {
				problems.push(
					`${where}, row ${position + 1}: ${formatTime(match.start)} for ${match.minutes} min, the English ${formatTime(row.start)} for ${row.minutes} min`
				);
			}
			if (row.lessons.join() !== match.lessons.join()) {
				problems.push(`${where}, row ${position + 1}: names [${match.lessons.join(', ')}], the English [${row.lessons.join(', ')}]`);
			}
		});
		if (plan.statedEnd !== translated.statedEnd) problems.push(`${where}: a different stated end from the English`);
	});
	return problems;
}
