import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Client } from './http-client';
import { parse } from 'yaml';

// The curriculum as the tests need it: each lesson's address and its quiz with the answer key, read from the files.

export interface QuizQuestion {
	id: string;
	type: string;
	prompt: { en: string; es: string };
	explanation: { en: string; es: string };
	choices?: { id: string; correct?: boolean }[];
	answer?: boolean;
}

export interface LessonFiles {
	path: string;
	quiz: { questions: QuizQuestion[] };
}

export function allLessons(): LessonFiles[] {
	const root = path.resolve('curriculum');
	const found: LessonFiles[] = [];
	for (const module of fs.readdirSync(root).filter((name) => /^\d+-/.test(name)).sort()) {
		for (const lesson of fs.readdirSync(path.join(root, module)).filter((name) => /^\d+-/.test(name)).sort()) {
			const quiz = parse(fs.readFileSync(path.join(root, module, lesson, 'quiz.yaml'), 'utf8'));
			found.push({ path: `${module.replace(/^\d+-/, '')}/${lesson.replace(/^\d+-/, '')}`, quiz });
		}
	}
	return found;
}

export function lessonAt(lessonPath: string): LessonFiles {
	const lesson = allLessons().find((candidate) => candidate.path === lessonPath);
	if (!lesson) throw new Error(`No lesson at ${lessonPath}`);
	return lesson;
}

export function rightAnswers(question: QuizQuestion): string[] {
	return question.type === 'true_false'
		? [String(question.answer)]
		: question.choices!.filter((choice) => choice.correct).map((choice) => choice.id);
}

/** One wrong answer: the first choice that is not right. */
export function wrongAnswer(question: QuizQuestion): string {
	return question.type === 'true_false' ? String(!question.answer) : question.choices!.find((choice) => !choice.correct)!.id;
}

/** Sets every question of the quiz on the page to the right answers, or to one wrong answer each. */
export async function answerQuiz(page: Page, lesson: LessonFiles, right: boolean): Promise<void> {
	for (const question of lesson.quiz.questions) {
		const chosen = right ? rightAnswers(question) : [wrongAnswer(question)];
		for (const input of await page.locator(`input[name="q-${question.id}"]`).all()) {
			const value = (await input.getAttribute('value'))!;
			// A radio button is unchecked only by checking another in its group.
			if (chosen.includes(value) || (await input.getAttribute('type')) === 'checkbox') await input.setChecked(chosen.includes(value));
		}
	}
}

/** Reads a lesson to the end and passes its quiz. */
export async function completeLesson(page: Page, lessonPath: string): Promise<void> {
	await page.goto(`/en/learn/${lessonPath}`);
	await page.getByRole('button', { name: 'I have read this lesson' }).click();
	await page.getByText('You have read this lesson.').waitFor();
	await answerQuiz(page, lessonAt(lessonPath), true);
	await page.getByRole('button', { name: 'Check my answers' }).click();
	await page.getByText('You passed this quiz.').waitFor();
}

/** A lesson's quiz form as a browser sends it: every right answer, or one wrong answer to each question. */
export function quizForm(lesson: LessonFiles, submissionKey: string, right = true): URLSearchParams {
	const form = new URLSearchParams({ submissionKey });
	for (const question of lesson.quiz.questions) {
		for (const id of right ? rightAnswers(question) : [wrongAnswer(question)]) form.append(`q-${question.id}`, id);
	}
	return form;
}

/** Posts every right answer to a lesson's quiz, as a browser without JavaScript would, under the given form key. */
export function postRightAnswers(client: Client, lesson: LessonFiles, submissionKey: string, options: { maxRedirects?: number } = {}) {
	return client.context.post(`/en/learn/${lesson.path}?/answer`, {
		data: quizForm(lesson, submissionKey).toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		...options
	});
}
