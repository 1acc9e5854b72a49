import { describe, expect, it } from 'vitest';
import { buildCourse, type Problem } from './course';

const lesson = (overrides: Record<string, string> = {}) => {
	const fields: Record<string, string> = {
		id: 'at-the-door',
		title: 'At the door',
		summary: 'What to do when someone knocks.',
		minutes: '{ self_paced: 10, workshop: 30 }',
		objectives: '[Keep the door closed., Ask for a judge’s warrant., Write down what happened.]',
		resources: '[idp]',
		glossary: '[detainer]',
		last_reviewed: '2026-11-28',
		practitioner_review: 'none',
		sources: '[{ title: IDP, url: "https://immigrantdefenseproject.org" }]',
		...overrides
	};
	const yaml = Object.entries(fields)
		.filter(([, value]) => value !== '')
		.map(([key, value]) => `${key}: ${value}`)
		.join('\n');
	return `---\n${yaml}\n---\n\nBody with a [term](/glossary#detainer).\n`;
};

const quiz = `
questions:
  - id: q1
    type: single
    prompt: { en: One?, es: ¿Una? }
    choices:
      - { id: a, text: { en: A, es: A }, correct: true }
      - { id: b, text: { en: B, es: B } }
    explanation: { en: Because., es: Porque. }
  - { id: q2, type: true_false, prompt: { en: True?, es: ¿Verdad? }, answer: true, explanation: { en: Yes., es: Sí. } }
  - { id: q3, type: true_false, prompt: { en: True?, es: ¿Verdad? }, answer: false, explanation: { en: No., es: No. } }
  - { id: q4, type: true_false, prompt: { en: True?, es: ¿Verdad? }, answer: false, explanation: { en: No., es: No. } }
`;

function validCourse(): Record<string, string> {
	return {
		'/curriculum/regions.yaml': 'ny: { name: { en: New York, es: Nueva York } }\nnational: { name: { en: US, es: EE. UU. } }',
		'/curriculum/resources/idp.yaml': `name: IDP\nurl: https://immigrantdefenseproject.org\ntheme: ice-out\nkind: organization\nregion: national\ndescription: { en: Helps., es: Ayuda. }`,
		'/curriculum/glossary/detainer.yaml': `term: { en: Detainer, es: Detainer }\ndefinition: { en: A request., es: Una solicitud. }\nsources: ["https://example.org/detainers"]`,
		'/curriculum/01-rights/module.yaml': 'id: rights\ntitle: { en: Rights, es: Derechos }\nsummary: { en: S, es: S }',
		'/curriculum/01-rights/01-at-the-door/en.svx': lesson(),
		'/curriculum/01-rights/01-at-the-door/es.svx': lesson({ title: 'En la puerta' }),
		'/curriculum/01-rights/01-at-the-door/quiz.yaml': quiz,
		'/curriculum/01-rights/01-at-the-door/facilitator.en.svx': '## Timing\n',
		'/curriculum/01-rights/01-at-the-door/facilitator.es.svx': '## Tiempo\n',
		'/curriculum/01-rights/02-on-the-street/en.svx': lesson({ id: 'on-the-street' }),
		'/curriculum/01-rights/02-on-the-street/es.svx': lesson({ id: 'on-the-street' }),
		'/curriculum/01-rights/02-on-the-street/quiz.yaml': quiz,
		'/curriculum/01-rights/02-on-the-street/facilitator.en.svx': '## Timing\n',
		'/curriculum/01-rights/02-on-the-street/facilitator.es.svx': '## Tiempo\n'
	};
}

const change = (date: string, lessons: string) =>
	`date: ${date}\nlessons: ${lessons}\ntitle: { en: Title, es: Título }\nchanges:\n  en: [One change.]\n  es: [Un cambio.]\n`;

function problemsFor(files: Record<string, string>, level: Problem['level'] = 'error') {
	return buildCourse(files).problems.filter((problem) => problem.level === level);
}

describe('buildCourse', () => {
	it('builds modules and lessons in folder order, with slugs stripped of their number', () => {
		const { course, problems } = buildCourse(validCourse());
		expect(problems).toEqual([]);
		expect(course.modules.map((module) => module.slug)).toEqual(['rights']);
		expect(course.lessons.map((lesson) => [lesson.path, lesson.position])).toEqual([
			['rights/at-the-door', 1],
			['rights/on-the-street', 2]
		]);
		expect(course.lessons[0].variants.es?.title).toBe('En la puerta');
		expect(course.quizzes.get('on-the-street')?.pass_mark).toBe(70);
	});

	it('names the file and field of invalid frontmatter', () => {
		const files = validCourse();
		files['/curriculum/01-rights/01-at-the-door/en.svx'] = lesson({ objectives: '[Only one.]', last_reviewed: 'soon' });
		expect(problemsFor(files)).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ file: '/curriculum/01-rights/01-at-the-door/en.svx', field: 'objectives' }),
				expect.objectContaining({ file: '/curriculum/01-rights/01-at-the-door/en.svx', field: 'last_reviewed' })
			])
		);
	});

	it('reports a lesson file without frontmatter and YAML that does not parse', () => {
		const files = validCourse();
		files['/curriculum/01-rights/01-at-the-door/en.svx'] = 'Just a body.';
		files['/curriculum/resources/idp.yaml'] = 'name: [unclosed';
		const messages = problemsFor(files).map((problem) => `${problem.file}: ${problem.message}`);
		expect(messages.join('\n')).toContain('en.svx: must start with frontmatter');
		expect(messages.join('\n')).toContain('idp.yaml: is not valid YAML');
	});

	it('refuses a time-sensitive claim without the date it was checked and its source', () => {
		const files = { ...validCourse(), '/curriculum/01-rights/01-at-the-door/en.svx': lesson({ time_sensitive: '[Enforcement priorities change.]' }) };
		expect(buildCourse(files).problems).toContainEqual(
			expect.objectContaining({ field: 'time_sensitive.0', message: 'give the claim, the date it was checked and its source', level: 'error' })
		);
	});

	it('rejects unknown frontmatter fields, so that a typo is not silently ignored', () => {
		const files = validCourse();
		files['/curriculum/01-rights/01-at-the-door/en.svx'] = lesson({ answer: 'b' });
		expect(problemsFor(files)[0].message).toMatch(/unrecognized key/i);
	});

	it('reports resources and glossary terms that do not exist, and broken internal links', () => {
		const files = validCourse();
		files['/curriculum/01-rights/01-at-the-door/en.svx'] =
			lesson({ resources: '[nobody]', glossary: '[nothing]' }) + '\nSee [this](/learn/rights/nowhere).';
		const fields = problemsFor(files).map((problem) => problem.field);
		expect(fields).toEqual(expect.arrayContaining(['resources', 'glossary', 'body']));
	});

	it('lists a missing Spanish twin as a warning, and a twin with other resources as an error', () => {
		const files = validCourse();
		delete files['/curriculum/01-rights/02-on-the-street/es.svx'];
		files['/curriculum/01-rights/01-at-the-door/es.svx'] = lesson({ resources: '[]' });
		expect(problemsFor(files, 'warning')).toEqual([
			expect.objectContaining({ file: '/curriculum/01-rights/02-on-the-street/es.svx' })
		]);
		expect(problemsFor(files)).toEqual([
			expect.objectContaining({ file: '/curriculum/01-rights/01-at-the-door/es.svx', field: 'resources' })
		]);
	});

	it('reports quiz questions without a correct answer or with two for single choice', () => {
		const files = validCourse();
		files['/curriculum/01-rights/01-at-the-door/quiz.yaml'] = quiz.replace('correct: true', 'correct: false');
		files['/curriculum/01-rights/02-on-the-street/quiz.yaml'] = quiz.replace(
			'{ id: b, text: { en: B, es: B } }',
			'{ id: b, text: { en: B, es: B }, correct: true }'
		);
		const problems = problemsFor(files).map((problem) => `${problem.field}: ${problem.message}`);
		expect(problems).toEqual(
			expect.arrayContaining([
				'questions.0.choices: has no correct choice',
				'questions.0.choices: is a single-choice question with 2 correct choices'
			])
		);
	});

	it('reports a quiz question of an unknown type', () => {
		const files = validCourse();
		files['/curriculum/01-rights/01-at-the-door/quiz.yaml'] = quiz.replace('type: true_false', 'type: essay');
		expect(problemsFor(files)).toEqual([
			expect.objectContaining({ field: 'questions.1.type', message: 'type must be single, multiple or true_false' })
		]);
	});

	it('reports a repeated lesson id across the course', () => {
		const files = validCourse();
		files['/curriculum/01-rights/02-on-the-street/en.svx'] = lesson();
		files['/curriculum/01-rights/02-on-the-street/es.svx'] = lesson();
		expect(problemsFor(files).map((problem) => problem.message)).toContain('repeats the lesson id "at-the-door"');
	});

	it('reports a resource whose region is not listed', () => {
		const files = validCourse();
		files['/curriculum/resources/idp.yaml'] = files['/curriculum/resources/idp.yaml'].replace('region: national', 'region: atlantis');
		expect(problemsFor(files)).toEqual([
			expect.objectContaining({ file: '/curriculum/resources/idp.yaml', field: 'region' })
		]);
	});

	it('reports a regional supplement for a region that is not listed', () => {
		const files = validCourse();
		files['/curriculum/01-rights/01-at-the-door/regions/tx.en.svx'] =
			'---\nregion: tx\nlast_reviewed: 2026-11-28\nsources: [{ title: S, url: "https://example.org" }]\n---\nText.';
		expect(problemsFor(files).map((problem) => problem.message)).toContain(
			'names a region "tx" that curriculum/regions.yaml does not list'
		);
	});

	it('reads the changelog newest first, and accepts the workshop guide at the root without a warning', () => {
		const files = validCourse();
		files['/curriculum/changes/2026-12-04-safety.yaml'] = change('2026-12-04', '[at-the-door]');
		files['/curriculum/changes/2026-12-05-court.yaml'] = change('2026-12-05', '[]');
		files['/curriculum/changes/2026-12-05-catalog.yaml'] = change('2026-12-05', '[on-the-street, at-the-door]');
		files['/curriculum/workshop-guide.en.svx'] = '## One day\n';
		files['/curriculum/workshop-guide.es.svx'] = '## Un día\n';
		const { course, problems } = buildCourse(files);
		expect(problems).toEqual([]);
		expect(course.changes.map((entry) => entry.id)).toEqual(['2026-12-05-catalog', '2026-12-05-court', '2026-12-04-safety']);
		expect(course.changes[2]).toMatchObject({ date: '2026-12-04', lessons: ['at-the-door'], title: { en: 'Title', es: 'Título' } });
		expect(course.workshopGuide).toEqual({ en: '/curriculum/workshop-guide.en.svx', es: '/curriculum/workshop-guide.es.svx' });
	});

	it('refuses a changelog entry that names an unknown lesson, misses a language, or disagrees with its file name', () => {
		const files = validCourse();
		files['/curriculum/changes/2026-12-04-safety.yaml'] = change('2026-12-04', '[at-the-door, nowhere]');
		files['/curriculum/changes/2026-12-05-court.yaml'] = change('2026-12-06', '[]');
		files['/curriculum/changes/2026-12-05-spanish.yaml'] = change('2026-12-05', '[]').replace(/\n {2}es: \[.*\]/, '');
		files['/curriculum/changes/soon.yaml'] = change('2026-12-05', '[]');
		expect(problemsFor(files).map((problem) => [problem.file.replace('/curriculum/changes/', ''), problem.field, problem.message])).toEqual(
			expect.arrayContaining([
				['2026-12-04-safety.yaml', 'lessons', 'names a lesson "nowhere" that no lesson file has as its id'],
				['2026-12-05-court.yaml', 'date', 'says 2026-12-06 but the file name says 2026-12-05'],
				['2026-12-05-spanish.yaml', 'changes.es', 'Invalid input: expected array, received undefined'],
				['soon.yaml', undefined, 'file name must be the date, then lowercase words: YYYY-MM-DD-what-changed.yaml']
			])
		);
	});
});

