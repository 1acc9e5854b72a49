import type { TimeSensitiveClaim } from './schema';

// A lesson's rendered body cut at its `##` headings, so that the page can show a time-sensitive claim's notice
// beside the passage the claim's `section` names. Pure, so it tests without rendering a lesson.


export interface BodySection {
	/** The `<h2>` element, or '' for what comes before the first heading. */
	heading: string;
	/** The rest of the section's HTML. */
	html: string;
	claims: TimeSensitiveClaim[];
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * A heading as an author writes it and as mdsvex renders it compare equal: tags, Markdown emphasis and entities
 * are dropped, typographic quotes, dashes and ellipses (mdsvex's smartypants) read as typed, and spaces collapse.
 */
export function headingKey(text: string): string {
	return text
		.replace(/<[^>]*>/g, '')
		.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
			if (name.startsWith('#')) {
				const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
				return Number.isNaN(code) ? whole : String.fromCodePoint(code);
			}
			return entities[name.toLowerCase()] ?? whole;
		})
		.replace(/[“”]/g, '"')
		.replace(/[‘’]/g, "'")
		.replace(/—/g, '---')
		.replace(/–/g, '--')
		.replace(/…/g, '...')
		.replace(/[*_`]/g, '')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/**
 * The body cut at each `<h2>`, each section with the claims whose `section` names its heading; the claims that
 * name no heading of this body (or none at all) are returned apart, for the lesson's footer.
 */
export function placeClaims(html: string, claims: TimeSensitiveClaim[]): { sections: BodySection[]; unplaced: TimeSensitiveClaim[] } {
	const sections: BodySection[] = html.split(/(?=<h2[\s>])/).map((part) => {
		const heading = /^<h2[\s>][\s\S]*?<\/h2>/.exec(part)?.[0] ?? '';
		return { heading, html: part.slice(heading.length), claims: [] };
	});
	const byKey = new Map(sections.filter((section) => section.heading).map((section) => [headingKey(section.heading), section]));
	const unplaced: TimeSensitiveClaim[] = [];
	for (const claim of claims) {
		const section = claim.section === undefined ? undefined : byKey.get(headingKey(claim.section));
		if (section) section.claims.push(claim);
		else unplaced.push(claim);
	}
	return { sections, unplaced };
}

/**
 * The body again in one piece, with each section's claims shown right under its heading by `notice` (HTML the
 * server writes, so that a lesson page carries no code of its own for them).
 */
export function bodyWithNotices(sections: BodySection[], notice: (claims: TimeSensitiveClaim[]) => string): string {
	return sections.map((section) => section.heading + (section.claims.length ? notice(section.claims) : '') + section.html).join('');
}
