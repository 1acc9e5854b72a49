// `npm run curriculum:check [folder] [--claims-older-than=<months>]`: validates every curriculum file and prints one
// line per problem. Exits 1 when there is any error; warnings (such as a missing translation, or a time-sensitive
// claim last checked more than <months> months ago, 6 unless the flag says otherwise) are listed but do not fail.
import fs from 'node:fs';
import path from 'node:path';
import { compile as compileMarkdown } from 'mdsvex';
import { compile as compileSvelte } from 'svelte/compiler';
import { claimProblems, defaultClaimMonths } from '../src/lib/server/curriculum/claims';
import { buildCourse, type Problem } from '../src/lib/server/curriculum/course';
import { terminologyProblems } from '../src/lib/server/curriculum/terminology';
import { dayOf } from '../src/lib/server/days';

const args = process.argv.slice(2);
const monthsFlag = /^--claims-older-than=(.*)$/;
const flag = args.map((arg) => monthsFlag.exec(arg)?.[1]).find((value) => value !== undefined);
const claimMonths = flag === undefined ? defaultClaimMonths : Number(flag);
if (!Number.isInteger(claimMonths) || claimMonths < 1) {
	console.error(`error: --claims-older-than takes a whole number of months, 1 or more (got "${flag}")`);
	process.exit(1);
}
const folder = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? 'curriculum');

function readCurriculum(dir: string): Record<string, string> {
	const files: Record<string, string> = {};
	for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !/\.(svx|yaml)$/.test(entry.name)) continue;
		const full = path.join(entry.parentPath, entry.name);
		files[`/curriculum/${path.relative(dir, full).split(path.sep).join('/')}`] = fs.readFileSync(full, 'utf8');
	}
	return files;
}

/** A lesson body that mdsvex or Svelte cannot compile would only fail later, in the build. */
async function compileProblems(files: Record<string, string>): Promise<Problem[]> {
	const problems: Problem[] = [];
	for (const [file, text] of Object.entries(files)) {
		if (!file.endsWith('.svx')) continue;
		try {
			const markdown = await compileMarkdown(text, { filename: file });
			compileSvelte(markdown?.code ?? '', { filename: file, generate: 'server' });
		} catch (error) {
			problems.push({ file, field: 'body', message: `does not compile: ${(error as Error).message.split('\n')[0]}`, level: 'error' });
		}
	}
	return problems;
}

if (!fs.existsSync(folder)) {
	console.error(`error: ${folder} does not exist`);
	process.exit(1);
}
const files = readCurriculum(folder);
const { course, problems } = buildCourse(files);
problems.push(...(await compileProblems(files)));
// Authoring rules the server does not need to render a lesson: checked here, and in CI, before anything ships.
problems.push(...claimProblems(course, files, { today: dayOf(), olderThanMonths: claimMonths }));
problems.push(...terminologyProblems(files));

for (const problem of problems) {
	const where = problem.file.replace(/^\/curriculum\//, `${path.relative(process.cwd(), folder) || '.'}/`);
	console.log(`${problem.level}: ${where}${problem.field ? ` [${problem.field}]` : ''}: ${problem.message}`);
}
const errors = problems.filter((problem) => problem.level === 'error').length;
const missingSpanish = course.lessons.filter((lesson) => !lesson.variants.es).length;
console.log(
	`curriculum: ${course.modules.length} modules, ${course.lessons.length} lessons (${missingSpanish} without Spanish), ` +
		`${course.quizzes.size} quizzes, ${course.resources.size} resources, ${course.glossary.size} glossary terms, ` +
		`${course.changes.length} changelog entries; ${errors} error(s), ${problems.length - errors} warning(s)`
);
process.exit(errors > 0 ? 1 : 0);
