import { syllable } from 'syllable';

// Reading level of a lesson file's prose, as the curriculum review measured it: English by the Flesch-Kincaid
// grade, Spanish by the Fernández-Huerta ease (60 and above reads as plain; about grade 8-9 and below). Headings,
// links' addresses, markup and the frontmatter are left out; a list item or paragraph without closing punctuation
// counts as a sentence.

function prose(file: string): string {
	const body = file.startsWith('---') ? file.slice(file.indexOf('\n---', 3) + 4) : file;
	const text = body
		.replace(/```[\s\S]*?```|`[^`]*`/g, ' ')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\*\*|__/g, '')
		.replace(/(^|\W)[*_]([^*_]+)[*_]/g, '$1$2')
		.split('\n')
		.filter((line) => !/^\s*#/.test(line));
	const blocks: string[] = [];
	let current: string[] = [];
	for (const line of text) {
		const item = /^\s*([-*]|\d+\.)\s+/.test(line);
		if (line.trim() === '' || item) {
			if (current.length) blocks.push(current.join(' '));
			current = item ? [line.replace(/^\s*([-*]|\d+\.)\s+/, '')] : [];
		} else current.push(line.trim());
	}
	if (current.length) blocks.push(current.join(' '));
	return blocks
		.map((block) => block.trim())
		.filter(Boolean)
		.map((block) => (/[.!?:;]["”»)]*$/.test(block) ? block : `${block}.`))
		.join('\n')
		.replace(/\bU\.S\.|\bEE\. ?UU\./g, 'US')
		.replace(/\b(e\.g|i\.e|v|No|Dr|St|Ms)\.\s/gi, '$1 ')
		.replace(/(\d)\.(\d)/g, '$1$2')
		.replace(/…/g, '.');
}

const sentencesOf = (text: string) =>
	text
		.split(/(?<=[.!?])["”»)]*\s+|\n/)
		.map((sentence) => sentence.trim())
		.filter((sentence) => /[A-Za-zÁÉÍÓÚÑáéíóúñü]/.test(sentence));
const wordsOf = (sentence: string) => sentence.match(/[A-Za-zÁÉÍÓÚÜÑáéíóúüñ0-9]+(?:[-'’][A-Za-zÁÉÍÓÚÜÑáéíóúüñ0-9]+)*/g) ?? [];

const englishSyllables = (word: string) =>
	/^\d+$/.test(word) ? 1 : Math.max(1, word.split('-').reduce((sum, part) => sum + (part ? syllable(part) : 0), 0));

/** Spanish syllables by vowel groups: two strong vowels are two syllables, a weak vowel joins its neighbour. */
function spanishSyllables(word: string): number {
	if (/^\d+$/.test(word)) return 1;
	const letters = word
		.toLowerCase()
		.replace(/([qg])u([eéií])/g, '$1$2')
		.replace(/([aeiouáéíóú])y$/, '$1i');
	let count = 0;
	let previous: 'strong' | 'weak' | null = null;
	for (const letter of letters) {
		const kind = 'aeoáéóíú'.includes(letter) ? 'strong' : 'iuü'.includes(letter) ? 'weak' : null;
		if (kind && (previous === null || (previous === 'strong' && kind === 'strong'))) count++;
		previous = kind;
	}
	return Math.max(1, count);
}

/** Flesch-Kincaid grade of an English file, or Fernández-Huerta ease of a Spanish one. */
export function readability(file: string, locale: 'en' | 'es'): number {
	const sentences = sentencesOf(prose(file));
	const words = sentences.flatMap(wordsOf);
	const syllables = words.reduce((sum, word) => sum + (locale === 'en' ? englishSyllables(word) : spanishSyllables(word)), 0);
	const wordsPerSentence = words.length / sentences.length;
	const syllablesPerWord = syllables / words.length;
	return locale === 'en' ? 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59 : 206.84 - 60 * syllablesPerWord - 1.02 * wordsPerSentence;
}
