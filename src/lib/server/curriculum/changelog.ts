import type { ChangeEntryFile } from './schema';

// The public changelog (curriculum/changes/*.yaml): its order and the rules only the whole course can check.

export interface ChangeEntry extends ChangeEntryFile {
	/** The file's name without `.yaml` ("2026-12-04-safety-basics"): stable, so feeds can name the entry by it. */
	id: string;
	file: string;
}

/** `2026-12-04-safety-basics.yaml`: the date the entry carries, then lowercase words. */
export const changeFileName = /^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/;

/** Newest first; entries of the same day in file-name order, so the list is the same on every build. */
export function newestFirst(entries: ChangeEntry[]): ChangeEntry[] {
	return [...entries].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}

export interface ChangelogProblem {
	file: string;
	field: string;
	message: string;
}

/** An entry must name lessons that exist, and carry the date its file name starts with. */
export function changelogProblems(entries: ChangeEntry[], lessonIds: Set<string>): ChangelogProblem[] {
	const problems: ChangelogProblem[] = [];
	for (const entry of entries) {
		const named = changeFileName.exec(entry.file.split('/').pop()!)?.[1];
		if (named && named !== entry.date) {
			problems.push({ file: entry.file, field: 'date', message: `says ${entry.date} but the file name says ${named}` });
		}
		for (const lessonId of entry.lessons) {
			if (!lessonIds.has(lessonId)) {
				problems.push({ file: entry.file, field: 'lessons', message: `names a lesson "${lessonId}" that no lesson file has as its id` });
			}
		}
	}
	return problems;
}
