import { course } from '$lib/server/curriculum';
import type { Locale } from '$lib/server/curriculum/schema';
import { choiceIds, correctChoiceIds, gradeQuiz } from './scoring';

// Quizzes as the reader sees them. Answer keys and explanations stay on the server until an attempt is graded,
// so that nobody can read the answers in the page before answering.

export interface PublicQuestion {
	id: string;
	type: 'single' | 'multiple' | 'true_false';
	prompt: string;
	/** For true/false questions the ids are "true" and "false" and the page supplies the words. */
	choices: { id: string; text: string }[];
}

export function publicQuiz(lessonId: string, locale: Locale) {
	const quiz = course.quizzes.get(lessonId);
	if (!quiz) return undefined;
	return {
		passMark: quiz.pass_mark,
		questions: quiz.questions.map(
			(question): PublicQuestion => ({
				id: question.id,
				type: question.type,
				prompt: question.prompt[locale],
				choices:
					question.type === 'true_false'
						? choiceIds(question).map((id) => ({ id, text: id }))
						: question.choices.map((choice) => ({ id: choice.id, text: choice.text[locale] }))
			})
		)
	};
}

/** Reads a quiz form: each question's field holds the chosen choice ids. */
export function answersFromForm(lessonId: string, form: FormData): Record<string, string[]> {
	const quiz = course.quizzes.get(lessonId);
	const answers: Record<string, string[]> = {};
	for (const question of quiz?.questions ?? []) {
		answers[question.id] = form
			.getAll(`q-${question.id}`)
			.filter((value): value is string => typeof value === 'string' && value.length <= 64);
	}
	return answers;
}

/** Grades an attempt and returns what the reader may now see: each result with the right answer and why. */
export function grade(lessonId: string, answers: Record<string, string[]>, locale: Locale) {
	const quiz = course.quizzes.get(lessonId);
	if (!quiz) return undefined;
	const result = gradeQuiz(quiz, answers);
	return {
		...result,
		passMark: quiz.pass_mark,
		results: result.results.map((questionResult, index) => ({
			...questionResult,
			correctChoiceIds: correctChoiceIds(quiz.questions[index]),
			explanation: quiz.questions[index].explanation[locale]
		}))
	};
}

export type GradedAttempt = NonNullable<ReturnType<typeof grade>>;
