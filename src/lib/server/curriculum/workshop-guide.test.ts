import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCourse } from './course';
import { locales } from './schema';
import { checkDayPlans, compareDayPlans, parseDayPlans, planEnd } from './workshop-guide';

// Reads the real guide in both languages, and the real lessons, from the repository.
const root = path.resolve(__dirname, '../../../..');

function curriculumFiles(): Record<string, string> {
	const files: Record<string, string> = {};
	const walk = (folder: string) => {
		for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
			const full = path.join(folder, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (/\.(svx|yaml)$/.test(entry.name)) files[`/${path.relative(root, full).split(path.sep).join('/')}`] = fs.readFileSync(full, 'utf8');
		}
	};
	walk(path.join(root, 'curriculum'));
	return files;
}

const files = curriculumFiles();
const course = buildCourse(files).course;
const lessonMinutes = new Map(course.lessons.map((lesson) => [lesson.path, lesson.variants.en?.minutes.workshop ?? 0]));
const guide = (locale: string) => files[`/curriculum/workshop-guide.${locale}.svx`];

describe('the workshop guide', () => {
	it('exists in every language', () => {
		for (const locale of locales) expect(guide(locale), `curriculum/workshop-guide.${locale}.svx`).toBeTypeOf('string');
	});

	for (const locale of locales) {
		it(`has day plans whose times add up and whose lessons exist (${locale})`, () => {
			const plans = parseDayPlans(guide(locale) ?? '');
			expect(checkDayPlans(plans, lessonMinutes)).toEqual([]);
			// A one-day plan and two days: three tables.
			expect(plans).toHaveLength(3);
		});
	}

	it('has the same times and lessons in every language', () => {
		const english = parseDayPlans(guide('en') ?? '');
		for (const locale of locales.filter((locale) => locale !== 'en')) {
			expect(compareDayPlans(english, parseDayPlans(guide(locale) ?? '')), locale).toEqual([]);
		}
	});

	it('has an opening, breaks, a meal and a closing on every day', () => {
		const words = {
			en: { opening: /^Opening/, break: /^Break$/, meal: /^Meal$/, closing: /^Closing/ },
			es: { opening: /^Apertura/, break: /^Descanso$/, meal: /^Comida$/, closing: /^Cierre/ }
		} as const;
		for (const locale of locales) {
			for (const plan of parseDayPlans(guide(locale) ?? '')) {
				const what = plan.rows.map((row) => row.what);
				const word = words[locale];
				expect(what[0], `${locale} ${plan.heading}`).toMatch(word.opening);
				expect(what.at(-1), `${locale} ${plan.heading}`).toMatch(word.closing);
				expect(what.filter((text) => word.break.test(text)).length, `${locale} ${plan.heading}`).toBeGreaterThanOrEqual(2);
				expect(what.filter((text) => word.meal.test(text)), `${locale} ${plan.heading}`).toHaveLength(1);
			}
		}
	});

	it('covers every lesson in the two-day plan, each once', () => {
		const [, ...twoDays] = parseDayPlans(guide('en') ?? '');
		const named = twoDays.flatMap((plan) => plan.rows.flatMap((row) => row.lessons));
		expect([...named].sort()).toEqual([...lessonMinutes.keys()].sort());
	});

	it('keeps a workshop day within nine hours', () => {
		for (const plan of parseDayPlans(guide('en') ?? '')) expect(planEnd(plan) - plan.rows[0].start).toBeLessThanOrEqual(9 * 60);
	});
});

describe('checking day plans', () => {
	const lessons = new Map([['rights/at-the-door', 45]]);
	const plan = (rows: string, after = 'The day ends at 10:15.') =>
		`## Day\n\n| Start | Minutes | What |\n|---|---|---|\n${rows}\n\n${after}\n`;

	it('accepts times that follow on and a stated end that matches', () => {
		const source = plan('| 09:00 | 30 | Opening |\n| 09:30 | 45 | Lesson: [At the door](/learn/rights/at-the-door) |');
		expect(checkDayPlans(parseDayPlans(source), lessons)).toEqual([]);
	});

	it('refuses a gap or an overlap between rows', () => {
		const source = plan('| 09:00 | 30 | Opening |\n| 09:35 | 40 | Lesson: [At the door](/learn/rights/at-the-door) |');
		expect(checkDayPlans(parseDayPlans(source), lessons).join('\n')).toMatch(/starts at 09:35, but the row before ends at 09:30/);
	});

	it('refuses a stated end that is not the end of the last row', () => {
		const source = plan('| 09:00 | 30 | Opening |\n| 09:30 | 30 | Closing |', 'The day ends at 10:15.');
		expect(checkDayPlans(parseDayPlans(source), lessons).join('\n')).toMatch(/ends at 10:15, but its last row ends at 10:00/);
	});

	it('refuses a missing stated end', () => {
		const source = plan('| 09:00 | 30 | Opening |', 'Then go home.');
		expect(checkDayPlans(parseDayPlans(source), lessons).join('\n')).toMatch(/does not say when the day ends/);
	});

	it('refuses a lesson that does not exist, or more minutes than the lesson has', () => {
		const missing = plan('| 09:00 | 30 | Opening |\n| 09:30 | 45 | Lesson: [Gone](/learn/rights/gone) |');
		expect(checkDayPlans(parseDayPlans(missing), lessons).join('\n')).toMatch(/no lesson \/learn\/rights\/gone/);
		const long = plan('| 09:00 | 30 | Opening |\n| 09:30 | 50 | Lesson: [At the door](/learn/rights/at-the-door) |', 'Ends at 10:20.');
		expect(checkDayPlans(parseDayPlans(long), lessons).join('\n')).toMatch(/50 minutes, more than its 45/);
	});

	it('refuses a row whose start or minutes cannot be read', () => {
		const source = plan('| 9 am | 30 | Opening |\n| 09:30 | half an hour | Closing |');
		const problems = checkDayPlans(parseDayPlans(source), lessons).join('\n');
		expect(problems).toMatch(/the start is not a time/);
		expect(problems).toMatch(/the minutes are not a positive whole number/);
	});

	it('reports languages whose plans differ in time', () => {
		const english = parseDayPlans(plan('| 09:00 | 30 | Opening |\n| 09:30 | 45 | Closing |'));
		const spanish = parseDayPlans(plan('| 09:00 | 30 | Apertura |\n| 09:30 | 40 | Cierre |', 'Termina a las 10:10.'));
		const problems = compareDayPlans(english, spanish).join('\n');
		expect(problems).toMatch(/row 2: 09:30 for 40 min, the English 09:30 for 45 min/);
		expect(problems).toMatch(/different stated end/);
	});
});
