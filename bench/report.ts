import path from 'node:path';
import { pathToFileURL } from 'node:url';

// What every benchmark hands to `npm run bench`: figures, each beside the reference measured in the same run (these
// machines are shared and noisy, so a figure alone means little), and one table to print them all.

export interface Figure {
	/** The benchmark it belongs to, e.g. "serving". */
	bench: string;
	/** What was measured, e.g. "lesson page, req/s". */
	figure: string;
	value: number;
	/** The reference measured in the same run, when the figure has one. */
	reference?: { name: string; value: number };
	/** A line saying why the figure could not be measured here (its feature or its database is missing). */
	skipped?: string;
}

export interface BenchOptions {
	quick: boolean;
}

const digits = (value: number) => (Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2);
const shown = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: digits(value), minimumFractionDigits: digits(value) });

/** The one table: figure, value, reference, reference value and their ratio. */
export function formatTable(figures: Figure[]): string {
	const rows = figures.map((item) =>
		item.skipped
			? [item.bench, item.figure, '–', item.skipped, '', '']
			: [
					item.bench,
					item.figure,
					shown(item.value),
					item.reference?.name ?? '',
					item.reference ? shown(item.reference.value) : '',
					item.reference ? (item.value / item.reference.value).toFixed(3) : ''
				]
	);
	const header = ['bench', 'figure', 'value', 'reference', 'ref. value', 'ratio'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) =>
		cells.map((cell, column) => (column >= 2 && column !== 3 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ');
	return [line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n');
}

/** True when this module is the script node was started with, not an import of `npm run bench`. */
export function isMain(moduleUrl: string): boolean {
	return !!process.argv[1] && moduleUrl === pathToFileURL(path.resolve(process.argv[1])).href;
}
