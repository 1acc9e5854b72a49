import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// Nothing the browser is sent may point it at another host: no CDN, font service, analytics or embed. The client
// bundle of the production build (which `npm test` has just made) holds only the URLs below, none of them ever
// fetched; links to outside resources live in lesson text, which the server renders and never ships as code.
const allowed = [
	// XML namespaces: names, not addresses.
	/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xhtml|1998\/Math\/MathML|1999\/xlink|XML\/1998\/namespace)$/,
	// Svelte's runtime names the page that explains an error in the message it throws.
	/^https:\/\/svelte\.dev\/e\/([a-z_]+)?$/
];

function filesUnder(folder: string): string[] {
	return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(folder, entry.name);
		return entry.isDirectory() ? filesUnder(full) : [full];
	});
}

test('the client bundle names no other host, apart from namespaces and error-help links', () => {
	const files = filesUnder('build/client').filter((file) => /\.(js|css|html|json|webmanifest|svg)$/.test(file));
	expect(files.filter((file) => file.endsWith('.js')).length).toBeGreaterThan(10);
	const found = files.flatMap((file) =>
		[...fs.readFileSync(file, 'utf8').matchAll(/https?:\/\/[^\s"'`)<>\\]+/g)].map((match) => ({ file, url: match[0] }))
	);
	expect(found.filter(({ url }) => !allowed.some((pattern) => pattern.test(url)))).toEqual([]);
});
