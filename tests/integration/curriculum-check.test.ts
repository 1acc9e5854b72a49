import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Writes a curriculum folder from a map of relative paths to file contents. */
function writeCurriculum(files: Record<string, string>): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'd101-curriculum-'));
	for (const [file, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), text);
	}
	return root;
}

function check(folder: string) {
	const result = spawnSync('npx', ['tsx', 'scripts/check-curriculum.ts', folder], { encoding: 'utf8' });
	return { status: result.status, lines: result.stdout.trim().split('\n'), stderr: result.stderr };
}

describe('npm run curriculum:check', () => {
	it('prints one line per problem with file and field, and exits non-zero', () => {
		const folder = writeCurriculum({
			'regions.yaml': 'ny: { name: { en: New York, es: Nueva York } }',
			'01-rights/module.yaml': 'id: rights\ntitle: { en: Rights }\nsummary: { en: S, es: S }',
			'01-rights/01-door/en.svx': '---\nid: door\ntitle: Door\n---\nA body with { an unclosed brace.',
			'01-rights/01-door/quiz.yaml': 'questions: []',
			'resources/bad_name.yaml': 'name: x'
		});
		const { status, lines } = check(folder);
		const name = path.relative(process.cwd(), folder);
		expect(status).toBe(1);
		expect(lines).toEqual(
			expect.arrayContaining([
				`error: ${name}/01-rights/module.yaml [title.es]: Invalid input: expected string, received undefined`,
				`error: ${name}/01-rights/01-door/en.svx [summary]: Invalid input: expected string, received undefined`,
				`error: ${name}/01-rights/01-door/quiz.yaml [questions]: needs 4 to 8 questions`,
				`error: ${name}/resources/bad_name.yaml: file name must be a lowercase-hyphenated id ending in .yaml`,
				expect.stringMatching(new RegExp(`^error: ${name}/01-rights/01-door/en.svx \\[body\\]: does not compile`))
			])
		);
		expect(lines.at(-1)).toMatch(/^curriculum: 1 modules, 0 lessons .* [1-9]\d* error\(s\)/);
	});

	it('exits zero on a valid lesson and lists a missing translation as a warning', () => {
		const folder = writeCurriculum({
			'01-rights/module.yaml': 'id: rights\ntitle: { en: Rights, es: Derechos }\nsummary: { en: S, es: S }',
			'01-rights/01-door/en.svx': [
				'---',
				'id: door',
				'title: Door',
				'summary: What to do.',
				'minutes: { self_paced: 5, workshop: 20 }',
				'objectives: [One., Two., Three.]',
				'last_reviewed: 2026-11-28',
				'practitioner_review: none',
				'sources: [{ title: S, url: "https://example.org" }]',
				'---',
				'Body.'
			].join('\n')
		});
		const { status, lines } = check(folder);
		const name = path.relative(process.cwd(), folder);
		expect(status).toBe(0);
		expect(lines).toContain(`warning: ${name}/01-rights/01-door/es.svx: is missing: the lesson is shown in English to Spanish readers`);
		expect(lines.at(-1)).toContain('1 lessons (1 without Spanish)');
	});

	it('refuses a plain-string claim and a Spanish term variant, and warns on a claim older than --claims-older-than months', () => {
		const frontmatter = (lines: string[]) =>
			[
				'---',
				'id: door',
				'title: Door',
				'summary: What to do.',
				'minutes: { self_paced: 5, workshop: 20 }',
				'objectives: [One., Two., Three.]',
				'last_reviewed: 2026-11-28',
				'practitioner_review: none',
				...lines,
				'sources: [{ title: Tribunal Supremo, url: "https://example.org" }]',
				'---'
			].join('\n');
		const folder = writeCurriculum({
			'01-rights/module.yaml': 'id: rights\ntitle: { en: Rights, es: Derechos }\nsummary: { en: S, es: S }',
			'01-rights/01-door/en.svx': frontmatter([]) + '\nBody.',
			'01-rights/02-street/en.svx': frontmatter(['time_sensitive: [Enforcement priorities change.]']).replace('id: door', 'id: street') + '\nBody.',
			'01-rights/01-door/es.svx':
				frontmatter([
					'time_sensitive:',
					'  - { claim: Cambia., checked: 2020-01-01, source: "https://example.org/a" }'
				]) + '\n\nEl tribunal decide.'
		});
		const name = path.relative(process.cwd(), folder);
		const byDefault = check(folder);
		expect(byDefault.status).toBe(1);
		expect(byDefault.lines).toEqual(
			expect.arrayContaining([
				`error: ${name}/01-rights/02-street/en.svx [time_sensitive.0]: give the claim, the date it was checked and its source`,
				`error: ${name}/01-rights/01-door/es.svx [line 14]: says "tribunal": write corte (corte de inmigración, corte penal, Corte Suprema)`,
				expect.stringMatching(
					new RegExp(`^warning: ${name}/01-rights/01-door/es.svx \\[time_sensitive.0.checked\\]: was last checked on 2020-01-01, more than 6 months ago`)
				)
			])
		);
		expect(byDefault.lines.filter((line) => line.includes('Tribunal Supremo'))).toEqual([]);

		const generous = spawnSync('npx', ['tsx', 'scripts/check-curriculum.ts', folder, '--claims-older-than=1200'], { encoding: 'utf8' });
		expect(generous.stdout).not.toContain('time_sensitive.0.checked');
		const wrong = spawnSync('npx', ['tsx', 'scripts/check-curriculum.ts', '--claims-older-than=soon', folder], { encoding: 'utf8' });
		expect(wrong.status).toBe(1);
		expect(wrong.stderr).toContain('--claims-older-than takes a whole number of months');
	});
});

