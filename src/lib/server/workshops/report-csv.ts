import { stringify } from 'csv-stringify/sync';
import type { report } from './workshops';

// The workshop report as CSV. Columns: section ("question" or "lesson"), lesson, question, answered, right,
// completed. Counts only: no name, code or token is ever in it. A CSV library quotes commas, quotes and
// line breaks in lesson and question text.

export function reportCsv(data: Awaited<ReturnType<typeof report>>): string {
	const rows = [
		...data.questions.map((row) => ({
			section: 'question',
			lesson: row.lesson,
			question: row.prompt,
			answered: row.answered,
			right: row.correct,
			completed: ''
		})),
		...data.lessons.map((row) => ({
			section: 'lesson',
			lesson: row.title,
			question: '',
			answered: '',
			right: '',
			completed: row.completed ?? ''
		}))
	];
	return stringify(rows, {
		header: true,
		columns: ['section', 'lesson', 'question', 'answered', 'right', 'completed']
	});
}
