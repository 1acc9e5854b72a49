import { describe, expect, it } from 'vitest';
import type { QuizFile } from '$lib/server/curriculum/schema';
import { gradeQuiz } from './scoring';

const text = { en: 'x', es: 'x' };
const quiz: QuizFile = {
	pass_mark: 70,
	questions: [
		{ id: 'one', type: 'single', prompt: text, explanation: text, choices: [{ id: 'a', text, correct: true }, { id: 'b', text }] },
		{
			id: 'many',
			type: 'multiple',
			prompt: text,
			explanation: text,
			choices: [{ id: 'a', text, correct: true }, { id: 'b', text, correct: true }, { id: 'c', text }]
		},
		{ id: 'tf', type: 'true_false', prompt: text, explanation: text, answer: false }
	]
};

describe('gradeQuiz', () => {
	it('counts a question right only when the chosen answers are exactly the correct ones', () => {
		const result = gradeQuiz(quiz, { one: ['a'], many: ['b', 'a'], tf: ['false'] });
		expect(result.results.map((r) => r.correct)).toEqual([true, true, true]);
		expect(result).toMatchObject({ correctCount: 3, total: 3, percent: 100, passed: true });
	});

	it('marks a multiple-select question wrong when one correct answer is missing or a wrong one is added', () => {
		expect(gradeQuiz(quiz, { many: ['a'] }).results[1].correct).toBe(false);
		expect(gradeQuiz(quiz, { many: ['a', 'b', 'c'] }).results[1].correct).toBe(false);
	});

	it('treats unanswered questions and unknown choice ids as wrong, and ignores repeats', () => {
		const result = gradeQuiz(quiz, { one: ['zzz'], many: ['a', 'a', 'b'] });
		expect(result.results.map((r) => r.correct)).toEqual([false, true, false]);
		expect(result.results[0].chosen).toEqual([]);
	});

	it('refuses two answers to a single-choice question even if one is right', () => {
		expect(gradeQuiz(quiz, { one: ['a', 'b'] }).results[0].correct).toBe(false);
	});

	it('rounds the percentage down, so 2 of 3 (66%) fails a 70% mark and passes a 66% one', () => {
		const answers = { one: ['a'], many: ['a', 'b'] };
		expect(gradeQuiz(quiz, answers)).toMatchObject({ percent: 66, passed: false });
		expect(gradeQuiz({ ...quiz, pass_mark: 66 }, answers).passed).toBe(true);
	});
});
