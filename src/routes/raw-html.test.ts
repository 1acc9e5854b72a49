import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `{@html …}` puts a string into the page without escaping it. Each use is listed here with where its string comes
// from and why no one's input can reach it; a new use fails this test until it is added with its reason, and the
// listed sources are checked to still be what the reason says.

interface RawHtml {
	/** The component, and the expression inside `{@html …}`. */
	file: string;
	expression: string;
	why: string;
	/** Where the string is made: every assignment of `property` in `file` calls `maker`. */
	sources: { file: string; property: string; maker: string }[];
}

const reader = 'src/lib/server/curriculum/reader.ts';
/** Every lesson body, supplement and facilitator note the reader returns is rendered from a curriculum file. */
const fromCurriculum = [
	{ file: reader, property: 'html', maker: 'renderFile(' },
	{ file: reader, property: 'notesHtml', maker: 'renderFile(' }
];

const allowed: RawHtml[] = [
	{
		file: 'src/routes/(staff)/guide/+page.svelte',
		expression: 'data.html',
		why: 'the workshop-level guide (day plans, safety protocol), rendered from curriculum/workshop-guide.<locale>.svx',
		sources: [{ file: 'src/routes/(staff)/guide/+page.server.ts', property: 'html', maker: 'renderFile(' }]
	},
	{
		file: 'src/routes/(staff)/workshops/[id]/present/+page.svelte',
		expression: 'data.joinQr',
		why: 'the join address as a QR code on the projector: renderQrSvg writes module paths and an escaped label only (qr.test.ts)',
		sources: [{ file: 'src/routes/(staff)/workshops/[id]/present/+page.server.ts', property: 'joinQr', maker: 'renderQrSvg(' }]
	},
	{
		file: 'src/routes/(public)/learn/[module=slug]/[lesson=slug]/+page.svelte',
		expression: 'lesson.body',
		why: 'the lesson rendered from its .svx file in curriculum/, with the notices of its dated claims (escaped by claimNotice)',
		sources: [
			{ file: 'src/routes/(public)/learn/[module=slug]/[lesson=slug]/+page.server.ts', property: 'lesson', maker: 'reader.readLesson(' },
			{ file: reader, property: 'body', maker: 'bodyWithNotices(' }
		]
	},
	{
		file: 'src/routes/(public)/learn/[module=slug]/[lesson=slug]/+page.svelte',
		expression: 'lesson.supplement.html',
		why: 'a regional supplement from curriculum/; the ?region= in the address only chooses among the lesson’s own supplements',
		sources: [{ file: 'src/routes/(public)/learn/[module=slug]/[lesson=slug]/+page.server.ts', property: 'lesson', maker: 'reader.readLesson(' }, ...fromCurriculum]
	},
	{
		file: 'src/routes/(staff)/notes/[module=slug]/[lesson=slug]/+page.svelte',
		expression: 'data.notes.html',
		why: 'a lesson’s facilitator notes, rendered from curriculum/',
		sources: [{ file: 'src/routes/(staff)/notes/[module=slug]/[lesson=slug]/+page.server.ts', property: 'notes', maker: 'reader.readFacilitatorNotes(' }, ...fromCurriculum]
	},
	{
		file: 'src/routes/(staff)/workshops/[id]/guide/+page.svelte',
		expression: 'lesson.notesHtml',
		why: 'the facilitator notes of each lesson of the agenda, rendered from curriculum/',
		sources: [{ file: 'src/routes/(staff)/workshops/[id]/guide/+page.server.ts', property: 'agenda', maker: 'reader.facilitatorGuide(' }, ...fromCurriculum]
	},
	{
		file: 'src/routes/(staff)/workshops/[id]/+page.svelte',
		expression: 'data.notes',
		why: 'the current lesson’s facilitator notes, rendered from curriculum/',
		sources: [{ file: 'src/routes/(staff)/workshops/[id]/+page.server.ts', property: 'notes', maker: 'reader.readFacilitatorNotes(' }, ...fromCurriculum]
	},
	{
		file: 'src/routes/(staff)/workshops/[id]/+page.svelte',
		expression: 'data.joinQr',
		why: 'the join address as a QR code: renderQrSvg writes module paths and an escaped label only (qr.test.ts)',
		sources: [{ file: 'src/routes/(staff)/workshops/[id]/+page.server.ts', property: 'joinQr', maker: 'renderQrSvg(' }]
	},
	{
		file: 'src/routes/(staff)/account/two-factor/+page.svelte',
		expression: 'data.qrSvg',
		why: 'the authenticator key as a QR code: renderQrSvg writes module paths and an escaped label only (qr.test.ts)',
		sources: [{ file: 'src/routes/(staff)/account/two-factor/+page.server.ts', property: 'qrSvg', maker: 'renderQrSvg(' }]
	}
];

/** Every `{@html …}` in the app's components and in the curriculum's, as "file expression". */
function rawHtmlUses(): string[] {
	const uses: string[] = [];
	for (const root of ['src', 'curriculum']) {
		for (const file of fs.readdirSync(root, { recursive: true }) as string[]) {
			if (!/\.(svelte|svx)$/.test(file)) continue;
			const source = fs.readFileSync(path.join(root, file), 'utf8');
			for (const match of source.matchAll(/\{@html\s+([^}]*?)\s*\}/g)) uses.push(`${path.join(root, file)} ${match[1]}`);
		}
	}
	return uses.sort();
}

describe('{@html}', () => {
	it('is used only where the allow-list says, each use with its reason', () => {
		for (const use of allowed) expect(use.why.length).toBeGreaterThan(20);
		expect(rawHtmlUses()).toEqual(allowed.map((use) => `${use.file} ${use.expression}`).sort());
	});

	it('gets its strings only from the curriculum renderer and the QR code renderer', () => {
		for (const use of allowed) {
			for (const source of use.sources) {
				const assignments = fs
					.readFileSync(source.file, 'utf8')
					.split('\n')
					// A declaration or an object property (`const x =`, `x:` at the start of a line or after `{` or `,`), not a type.
					.filter((line) => new RegExp(`(^\\s*|const\\s+|[{,]\\s*)${source.property}\\s*(:|=)\\s`).test(line));
				expect(assignments.length, `${source.property} in ${source.file}`).toBeGreaterThan(0);
				for (const line of assignments) expect(line, `${use.expression}: ${source.file}`).toContain(source.maker);
			}
		}
	});
});
