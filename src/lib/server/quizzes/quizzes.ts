import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { course } from '$lib/server/curriculum';
import type { Locale } from '$lib/server/curriculum/schema';
import { choiceIds, correctChoiceIds, gradeQuiz, type QuizResult } from './scoring';

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

/** A short hash of each question as written now, stored with every answer so that later edits never rewrite history. */
const versions = new Map(
	[...course.quizzes].map(([lessonId, quiz]) => [
		lessonId,
		Object.fromEntries(
			quiz.questions.map((question) => [
				question.id,
				encodeHexLowerCase(sha256(new TextEncoder().encode(JSON.stringify(question)))).slice(0, 16)
			])
		)
	])
);

export function questionVersions(lessonId: string): Record<string, string> {
	return versions.get(lessonId) ?? {};
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

export function grade(lessonId: string, answers: Record<string, string[]>): QuizResult | undefined {
	const quiz = course.quizzes.get(lessonId);
	return quiz && gradeQuiz(quiz, answers);
}

/** What the reader may see once an attempt is graded: each answer with the right one and why. */
export function feedback(
	lessonId: string,
	attempt: Pick<QuizResult, 'correctCount' | 'total' | 'percent' | 'passed'> & {
		answers: { questionId: string; chosen: string[]; correct: boolean }[];
	},
	locale: Locale
) {
	const quiz = course.quizzes.get(lessonId)!;
	const { correctCount, total, percent, passed } = attempt;
	return {
		correctCount,
		total,
		percent,
		passed,
		passMark: quiz.pass_mark,
		results: quiz.questions.map((question) => {
			const answer = attempt.answers.find((candidate) => candidate.questionId === question.id);
			return {
				questionId: question.id,
				chosen: answer?.chosen ?? [],
				correct: answer?.correct ?? false,
				correctChoiceIds: correctChoiceIds(question),
				explanation: question.explanation[locale]
			};
		})
	};
}

export type GradedAttempt = ReturnType<typeof feedback>;

/** The right answer and its explanation for one question, once it may be shown. */
export function feedbackFor(lessonId: string, questionId: string, locale: Locale) {
	const question = course.quizzes.get(lessonId)?.questions.find((candidate) => candidate.id === questionId);
	return question && { correctChoiceIds: correctChoiceIds(question), explanation: question.explanation[locale] };
}
