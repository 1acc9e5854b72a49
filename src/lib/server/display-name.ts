// Display names, as typed by participants joining a workshop and by staff creating their account: the one
// cleaning that every stored name goes through, so that a name shown in a roster or a list cannot hide, reorder
// or spoof the text around it.

/** The longest name kept, in characters as a reader counts them (grapheme clusters). */
export const displayNameLimits = { participant: 40, staff: 80 } as const;

// Control (Cc), format (Cf: the bidirectional embeddings, overrides, isolates and marks U+202A–E, U+2066–9,
// U+200E/F, U+061C; zero-width spaces, the BOM, soft hyphens, tags) and lone surrogates (Cs). The zero-width
// non-joiner and joiner stay inside a word, where Persian, Hindi and emoji sequences need them; they reorder nothing.
const hiddenCharacters = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Cs}]/gu;
const strayJoiners = /(?<=^|\s)[\u200C\u200D]+|[\u200C\u200D]+(?=\s|$)/g;
const visibleCharacter = /[\p{L}\p{N}\p{P}\p{S}]/u;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
/**
 * The most combining marks kept on one character. Real writing needs up to three once composed (NFC): a Devanagari
 * consonant with nukta, vowel sign and anusvara, an Arabic letter with shadda and a vowel, a Hebrew letter with
 * dagesh, vowel and shin dot, a Tibetan stack; Vietnamese and Spanish letters compose to none. Past that, marks
 * only pile up above and below the line and draw over the rows around the name.
 */
export const combiningMarksPerCharacter = 3;
// A character's marks, with the joiners that may sit between them (which would otherwise reset a count).
const markRun = /[\p{M}\u200C\u200D]+/gu;
const mark = /\p{M}/gu;

/** Each run of marks cut before its first mark past the bound, with the joiners among the marks cut away. */
function boundCombiningMarks(text: string): string {
	return text.replace(markRun, (run) => {
		const firstTooMany = [...run.matchAll(mark)][combiningMarksPerCharacter];
		return firstTooMany ? run.slice(0, firstTooMany.index) : run;
	});
}

function tidy(text: string): string {
	return text.replace(strayJoiners, '').replace(/\s+/g, ' ').trim().normalize('NFC');
}

/**
 * A display name as stored and shown: NFC, without control, bidirectional or invisible format characters, with at
 * most `combiningMarksPerCharacter` combining marks on any character, each run of whitespace one space, trimmed,
 * and cut to `limit` grapheme clusters (or, with `overflow: 'refuse'`, refused when longer). Undefined when no
 * visible character is left.
 */
export function cleanDisplayName(input: string, limit: number, overflow: 'cut' | 'refuse' = 'cut'): string | undefined {
	const clusters = Array.from(graphemes.segment(boundCombiningMarks(tidy(input.replace(hiddenCharacters, '')))), (part) => part.segment);
	if (clusters.length > limit && overflow === 'refuse') return undefined;
	const name = tidy(clusters.slice(0, limit).join(''));
	return visibleCharacter.test(name) ? name : undefined;
}
