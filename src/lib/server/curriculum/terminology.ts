import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Problem } from './course';

// One Spanish term per concept (docs/authoring.md, "Spanish terms"). `npm run curriculum:check` refuses the variants
// below in Spanish lesson text, quiz text, glossary text and resource descriptions. Source titles and resource
// names are proper names and are not checked. A variant is matched as a whole word, in any case, with its accents
// as written ("remocion" without its accent is not matched).

export interface TermRule {
	/** The forms refused, singular and plural. */
	variants: string[];
	/** What to write instead, as the error says it. */
	use: string;
}

export const spanishTerms: TermRule[] = [
	{ variants: ['remoción', 'remociones', 'expulsión', 'expulsiones'], use: 'deportación (proceso de deportación, deportación acelerada)' },
	{ variants: ['tarjeta verde', 'tarjetas verdes', 'tarjeta de residente', 'tarjetas de residente'], use: 'green card (tarjeta de residencia permanente)' },
	{ variants: ['tribunal', 'tribunales'], use: 'corte (corte de inmigración, corte penal, Corte Suprema)' },
	{ variants: ['Programa de Prioridades de Control'], use: 'Programa de Prioridades de Aplicación (PEP)' },
	{ variants: ['Procuraduría General'], use: 'Fiscal General del estado' }
];

const letterOrDigit = '[\\p{L}\\p{N}]';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const matchers = spanishTerms.flatMap((rule) =>
	rule.variants.map((variant) => ({ variant, use: rule.use, pattern: new RegExp(`(?<!${letterOrDigit})${escape(variant)}(?!${letterOrDigit})`, 'giu') }))
);

export interface TermFinding {
	/** 1-based line in the file. */
	line: number;
	/** The variant as the text writes it. */
	found: string;
	use: string;
}

/** Every refused variant in `text`, whose first line is line `firstLine` of its file. */
export function findVariants(text: string, firstLine = 1): TermFinding[] {
	const findings: TermFinding[] = [];
	text.split('\n').forEach((written, index) => {
		// An address is not a term: a publisher's URL may hold any word.
		const line = written.replace(/https?:\/\/[^\s)>\]"']+/g, ' ');
		const onLine = matchers.flatMap(({ pattern, use }) => [...line.matchAll(pattern)].map((match) => ({ at: match.index, found: match[0], use })));
		for (const { found, use } of onLine.sort((a, b) => a.at - b.at)) findings.push({ line: firstLine + index, found, use });
	});
	return findings;
}

const frontmatterBlock = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** A Spanish mdsvex file: its body, and its frontmatter's text except the `sources` (publishers' titles). */
export function findVariantsInSpanishSvx(text: string): TermFinding[] {
	const block = frontmatterBlock.exec(text);
	if (!block) return findVariants(text);
	const bodyStart = block[0].split('\n').length - (block[0].endsWith('\n') ? 1 : 0);
	const isReaderText = (path: string[]) => path[0] !== 'sources' && !['source', 'url'].includes(path.at(-1)!);
	return [...yamlFindings(block[1], 2, isReaderText), ...findVariants(text.slice(block[0].length), bodyStart + 1)];
}

/** A YAML file holding `es:` text (quiz, glossary, resource, module, changelog): the Spanish strings, wherever they sit. */
export function findVariantsInSpanishYaml(text: string): TermFinding[] {
	return yamlFindings(text, 1, (path) => path.includes('es') && path[0] !== 'name');
}

/** Findings in every string scalar of a YAML document whose key path `wanted` accepts. */
function yamlFindings(text: string, firstLine: number, wanted: (path: string[]) => boolean): TermFinding[] {
	const lineCounter = new LineCounter();
	const document = parseDocument(text, { lineCounter });
	const findings: TermFinding[] = [];
	const visit = (node: Node | null | undefined, path: string[]) => {
		if (isMap(node)) {
			for (const pair of node.items) {
				if (isPair(pair) && isScalar(pair.key)) visit(pair.value as Node, [...path, String(pair.key.value)]);
			}
		} else if (isSeq(node)) {
			node.items.forEach((item, index) => visit(item as Node, [...path, String(index)]));
		} else if (isScalar(node) && typeof node.value === 'string' && wanted(path) && node.range) {
			// A scalar's source may span lines (a folded block); its text is searched line by line from where it starts.
			const start = lineCounter.linePos(node.range[0]).line;
			const source = text.slice(node.range[0], node.range[1]);
			findings.push(...findVariants(source, start + firstLine - 1));
		}
	};
	visit(document.contents as Node, []);
	return findings;
}

/** Every refused variant in the Spanish text of the curriculum's files, one error each, with its line. */
export function terminologyProblems(files: Record<string, string>): Problem[] {
	const problems: Problem[] = [];
	for (const [file, text] of Object.entries(files)) {
		let findings: TermFinding[] = [];
		if (/(^|\/|\.)es\.svx$/.test(file)) findings = findVariantsInSpanishSvx(text);
		else if (/\/(quiz|module)\.yaml$/.test(file) || /\/curriculum\/(glossary|resources|changes)\/[^/]+\.yaml$/.test(file)) {
			findings = findVariantsInSpanishYaml(text);
		}
		for (const finding of findings) {
			problems.push({
				file,
				field: `line ${finding.line}`,
				message: `says "${finding.found}": write ${finding.use}`,
				level: 'error'
			});
		}
	}
	return problems;
}
