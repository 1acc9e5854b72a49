import type { Question, QuizFile } from '$lib/server/curriculum/schema';

// Grading rules, with no database: a question is right when the chosen answers are exactly the correct ones.

/** The choice ids that answer a question correctly; true/false questions use the ids "true" and "false". */
export function correctChoiceIds(question: Question): string[] {
	if (question.type === 'true_false') return [String(question.answer)];
	return question.choices.filter((choice) => choice.correct).map((choice) => choice.id);
}

export function choiceIds(question: Question): string[] {
	return question.type === 'true_false' ? ['true', 'false'] : question.choices.map((choice) => choice.id);
}

export interface QuestionResult {
	questionId: string;
	chosen: string[];
	correct: boolean;
}

export interface QuizResult {
	results: QuestionResult[];
	correctCount: number;
	total: number;
	/** Whole percent, rounded down so that 69.9% never passes a 70% mark. */
	percent: number;
	passed: boolean;
}

/** Grades answers (question id → chosen choice ids); unknown ids are ignored, unanswered questions are wrong. */
export function gradeQuiz(quiz: QuizFile, answers: Record<string, string[]>): QuizResult {
	const results = quiz.questions.map((question) => {
		const valid = new Set(choiceIds(question));
		const chosen = [...new Set(answers[question.id] ?? [])].filter((id) => valid.has(id)).sort();
		const expected = correctChoiceIds(question).sort();
		const single = question.type !== 'multiple';
		const correct =
			(!single || chosen.length === 1) &&
			chosen.length === expected.length &&
			chosen.every((id, index) => id === expected[index]);
		return { questionId: question.id, chosen, correct };
	});
	const correctCount = results.filter((result) => result.correct).length;
	const percent = Math.floor((correctCount * 100) / results.length);
	return { results, correctCount, total: results.length, percent, passed: percent >= quiz.pass_mark };
}
