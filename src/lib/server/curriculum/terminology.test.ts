import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findVariants, findVariantsInSpanishSvx, findVariantsInSpanishYaml, spanishTerms, terminologyProblems } from './terminology';

const words = (text: string) => findVariants(text).map((finding) => finding.found);

describe('Spanish terminology', () => {
	it('matches whole words in any case, plurals included, with their accents as written', () => {
		expect(words('La Remoción y las remociones; el TRIBUNAL y los tribunales.')).toEqual(['Remoción', 'remociones', 'TRIBUNAL', 'tribunales']);
		expect(words('tribunalicio, contribunal, remocion sin tilde, «expulsión»')).toEqual(['expulsión']);
		expect(words('Una tarjeta  verde, la Procuraduría General, el Programa de Prioridades de Control')).toEqual([
			'tarjeta  verde',
			'Procuraduría General',
			'Programa de Prioridades de Control'
		]);
	});

	it('says which term to use and on which line', () => {
		expect(findVariants('uno\ndos tribunal', 10)).toEqual([{ line: 11, found: 'tribunal', use: 'corte (corte de inmigración, corte penal, Corte Suprema)' }]);
	});

	it('ignores addresses, which may hold any word', () => {
		expect(words('Vea https://example.gob/tribunal-superior y (https://x.org/remoción).')).toEqual([]);
	});

	it('checks a Spanish lesson body and its frontmatter text, but not its source titles or addresses', () => {
		const lesson = [
			'---',
			'title: La remoción',
			'sources:',
			'  - title: Tribunal Supremo, una decisión',
			'    url: https://example.org',
			'time_sensitive:',
			'  - claim: Un tribunal decidió.',
			'    source: https://example.org/tribunal',
			'---',
			'',
			'Texto sobre la expulsión.'
		].join('\n');
		expect(findVariantsInSpanishSvx(lesson).map((finding) => [finding.line, finding.found])).toEqual([
			[2, 'remoción'],
			[7, 'tribunal'],
			[11, 'expulsión']
		]);
	});

	it('checks the Spanish text of a YAML file on its own line, never the English or a resource name', () => {
		const quiz = [
			'questions:',
			'  - id: q1',
			'    prompt:',
			'      en: Which tribunal?',
			'      es: ¿Qué tribunal?',
			'    choices:',
			'      - { id: a, text: { en: Removal, es: Remoción }, correct: true }'
		].join('\n');
		expect(findVariantsInSpanishYaml(quiz).map((finding) => [finding.line, finding.found])).toEqual([
			[5, 'tribunal'],
			[7, 'Remoción']
		]);
		const resource = 'name: Tribunal de Derechos\ndescription:\n  en: A court.\n  es: Un tribunal.\n';
		expect(findVariantsInSpanishYaml(resource).map((finding) => finding.line)).toEqual([4]);
	});

	it('reports each finding as an error with the file, the line and the term to use', () => {
		const problems = terminologyProblems({
			'/curriculum/01-a/01-b/es.svx': '---\ntitle: T\n---\nLa green card (tarjeta verde).',
			'/curriculum/01-a/01-b/en.svx': '---\ntitle: T\n---\nA tribunal.',
			'/curriculum/glossary/removal.yaml': 'term: { en: Removal, es: Remoción }',
			'/curriculum/resources/x.yaml': 'name: Tribunal\ndescription: { en: X, es: Y }'
		});
		expect(problems).toEqual([
			{ file: '/curriculum/01-a/01-b/es.svx', field: 'line 4', message: 'says "tarjeta verde": write green card (tarjeta de residencia permanente)', level: 'error' },
			{ file: '/curriculum/glossary/removal.yaml', field: 'line 1', message: 'says "Remoción": write deportación (proceso de deportación, deportación acelerada)', level: 'error' }
		]);
	});

	it('is the table docs/authoring.md shows authors', () => {
		const guide = fs.readFileSync('docs/authoring.md', 'utf8');
		for (const rule of spanishTerms) {
			for (const variant of rule.variants) expect(guide, variant).toContain(variant);
		}
	});
});
