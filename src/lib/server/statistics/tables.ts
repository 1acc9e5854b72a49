import { stringify } from 'csv-stringify/sync';
import type { Dashboard } from './dashboard';
import type { ItemRow } from './items';

// Every figure on a statistics page belongs to a table, and the page and its CSV export are built from the same
// rows, so an export always says what the screen says. Column names are stable and documented in
// docs/statistics.md; the screen shows them translated.

export const tableColumns = {
	summary: ['figure', 'value'],
	funnel: ['module', 'position', 'lesson', 'started', 'completed', 'completion_rate_pct', 'retained_pct'],
	quizzes: ['lesson', 'attempts', 'learners', 'pass_rate_pct', 'mean_score_pct'],
	scores: ['score_band', 'sittings'],
	weeks: ['week_starting', 'learners', 'lessons_started', 'lessons_completed', 'quiz_attempts', 'workshops', 'attendance'],
	items: [
		'lesson',
		'question_id',
		'question',
		'file',
		'learners',
		'answers',
		'correct_pct',
		'top_wrong_choice',
		'top_wrong_pct',
		'discrimination',
		'flags'
	]
} as const;

export type TableName = keyof typeof tableColumns;
export type Cell = string | number | null;

/** Whether `value` names one of the tables; an own key only, so `constructor` or `__proto__` name none. */
export function isTableName(value: string): value is TableName {
	return Object.hasOwn(tableColumns, value);
}

/** "0–9", "10–19" … "90–99", "100": the score bands, in percent. */
export function bandLabel(band: number): string {
	return band === 10 ? '100' : `${band * 10}–${band * 10 + 9}`;
}

export function dashboardRows(dashboard: Dashboard): Record<Exclude<TableName, 'items'>, Cell[][]> {
	const { summary } = dashboard;
	return {
		summary: [
			['learners', summary.learners],
			['lessons_started', summary.lessonsStarted],
			['lessons_completed', summary.lessonsCompleted],
			['quiz_attempts', summary.attempts],
			['pass_rate_pct', summary.passRate],
			['workshops', summary.workshops],
			['attendance', summary.attendance]
		],
		funnel: dashboard.funnel.flatMap((module) =>
			module.lessons.map((lesson) => [
				module.title,
				lesson.position,
				lesson.title,
				lesson.started,
				lesson.completed,
				lesson.completionRate,
				lesson.retained
			])
		),
		quizzes: dashboard.quizzes.map((quiz) => [quiz.title, quiz.attempts, quiz.learners, quiz.passRate, quiz.meanScore]),
		scores: dashboard.scores.map((band) => [bandLabel(band.band), band.sittings]),
		weeks: dashboard.weeks.map((week) => [
			week.week,
			week.learners,
			week.started,
			week.completed,
			week.attempts,
			week.workshops,
			week.attendance
		])
	};
}

export function itemRows(items: ItemRow[]): Cell[][] {
	return items.map((item) => [
		item.lessonTitle,
		item.questionId,
		item.prompt,
		item.file,
		item.learners,
		item.answered,
		item.correctShare,
		item.topWrongChoice?.text ?? null,
		item.topWrongChoice?.share ?? null,
		item.discrimination,
		item.flags.join(' ')
	]);
}

/** A table as CSV (RFC 4180 quoting by csv-stringify, so commas, quotes and line breaks in text stay in their cell). */
export function toCsv(name: TableName, rows: Cell[][]): string {
	return stringify([[...tableColumns[name]], ...rows.map((row) => row.map((cell) => cell ?? ''))]);
}

/** deportation101-<table>-<day of export>.csv */
export function csvFileName(name: TableName, today: string): string {
	return `deportation101-${name}-${today}.csv`;
}
