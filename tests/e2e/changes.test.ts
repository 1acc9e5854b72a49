import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { parse as parseYaml } from 'yaml';

// The public changelog: the "What changed" page in both languages and without JavaScript, its Atom feeds as a
// browser's XML parser reads them, and the lesson page's practitioner-review state and dated-claim notices.

const atom = 'http://www.w3.org/2005/Atom';
/** The first published changelog entry (curriculum/changes/), by its file name. */
const safetyEntry = '2026-12-04-safety-basics'; // fixed date: a published entry's name, which never changes

/** What a feed reader needs from a feed, as the browser's own XML parser reads it. */
async function readFeed(page: Page, xml: string) {
	return page.evaluate(
		({ xml, atom }) => {
			const doc = new DOMParser().parseFromString(xml, 'application/xml');
			const root = doc.documentElement;
			const child = (parent: Element, name: string) => [...parent.children].find((element) => element.namespaceURI === atom && element.localName === name);
			const text = (parent: Element, name: string) => child(parent, name)?.textContent ?? null;
			const links = (parent: Element) =>
				[...parent.children]
					.filter((element) => element.localName === 'link')
					.map((link) => ({ rel: link.getAttribute('rel'), href: link.getAttribute('href'), type: link.getAttribute('type') }));
			return {
				parseErrors: doc.getElementsByTagName('parsererror').length,
				root: `${root.namespaceURI} ${root.localName}`,
				lang: root.getAttribute('xml:lang'),
				id: text(root, 'id'),
				title: text(root, 'title'),
				updated: text(root, 'updated'),
				author: child(root, 'author') ? text(child(root, 'author')!, 'name') : null,
				links: links(root),
				entries: [...root.children]
					.filter((element) => element.localName === 'entry')
					.map((entry) => ({
						id: text(entry, 'id'),
						title: text(entry, 'title'),
						updated: text(entry, 'updated'),
						content: text(entry, 'content'),
						contentType: child(entry, 'content')?.getAttribute('type') ?? null,
						links: links(entry)
					}))
			};
		},
		{ xml, atom }
	);
}

for (const [locale, title] of [['en', 'Deportation 101: what changed'], ['es', 'Deportation 101: qué cambió']] as const) {
	test(`the ${locale} Atom feed is valid Atom 1.0 with absolute links and stable entry ids`, async ({ page, request, baseURL }) => {
		const response = await request.get(`/${locale}/changes.atom`);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
		await page.goto(`/${locale}/changes`);
		const feed = await readFeed(page, await response.text());

		expect(feed.parseErrors).toBe(0);
		expect(feed.root).toBe(`${atom} feed`);
		expect(feed.lang).toBe(locale);
		expect(feed.id).toMatch(new RegExp(`^tag:127\\.0\\.0\\.1,2026:changes/${locale}$`));
		expect(feed.title).toBe(title);
		expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
		expect(feed.author).toBe('Deportation 101');
		expect(feed.links).toEqual(
			expect.arrayContaining([
				{ rel: 'self', type: 'application/atom+xml', href: `${baseURL}/${locale}/changes.atom` },
				{ rel: 'alternate', type: 'text/html', href: `${baseURL}/${locale}/changes` }
			])
		);

		expect(feed.entries.length).toBeGreaterThanOrEqual(1);
		for (const entry of feed.entries) {
			expect(entry.id).toMatch(new RegExp(`^tag:127\\.0\\.0\\.1,2026:changes/${locale}/\\d{4}-\\d{2}-\\d{2}-[a-z0-9-]+$`));
			expect(entry.title?.trim()).toBeTruthy();
			expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
			expect(entry.contentType).toBe('html');
			expect(entry.content).toContain('<li>');
			expect(entry.links[0].href).toMatch(new RegExp(`^${baseURL}/${locale}/changes#`));
		}
		const dates = feed.entries.map((entry) => entry.updated!);
		expect(dates).toEqual([...dates].sort().reverse());
		const safety = feed.entries.find((entry) => entry.id!.endsWith(`/${safetyEntry}`));
		expect(safety?.content).toContain(`href="${baseURL}/${locale}/learn/rights-and-preparation/know-your-rights"`);
	});
}

test('a bare /changes.atom is the English feed, whatever language the reader asks for', async ({ request }) => {
	const response = await request.get('/changes.atom', { headers: { 'accept-language': 'es' } });
	expect(response.status()).toBe(200);
	expect(await response.text()).toContain('xml:lang="en"');
});

test('"What changed" lists the entries newest first with links to the lessons, in English and Spanish', async ({ page }) => {
	await page.goto('/en/changes');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('What changed');
	const entry = page.locator(`[id="${safetyEntry}"]`);
	await expect(entry.getByRole('heading', { level: 2 })).toContainText('December 4, 2026');
	await expect(entry.locator('li').first()).toBeVisible();
	const dates = await page.locator('.changes > li time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')!));
	expect(dates).toEqual([...dates].sort().reverse());
	await expect(page.locator('link[rel="alternate"][type="application/atom+xml"][hreflang="en"]')).toHaveAttribute('href', '/en/changes.atom');
	await expect(page.locator('link[rel="alternate"][type="application/atom+xml"][hreflang="es"]')).toHaveAttribute('href', '/es/changes.atom');

	await entry.getByRole('link', { name: /know your rights/i }).click();
	await expect(page).toHaveURL(/\/en\/learn\/rights-and-preparation\/know-your-rights$/);

	await page.goto('/es/changes');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Qué cambió');
	await expect(page.locator(`[id="${safetyEntry}"] h2`)).toContainText('4 de diciembre de 2026');
	await expect(page.locator(`[id="${safetyEntry}"] a[href="/es/learn/rights-and-preparation/know-your-rights"]`)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Seguir estos cambios (feed Atom)' })).toHaveAttribute('href', '/es/changes.atom');
});

test('the lessons index links to "What changed" and names the feeds in its head', async ({ page }) => {
	await page.goto('/es/');
	await expect(page.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveCount(2);
	await page.getByRole('link', { name: 'Qué cambió en las lecciones' }).click();
	await expect(page).toHaveURL(/\/es\/changes$/);
});

test('"What changed" and the lesson page work without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/es/');
	await page.getByRole('link', { name: 'Qué cambió en las lecciones' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Qué cambió');
	await page.locator(`[id="${safetyEntry}"] a[href*="/learn/"]`).first().click();
	await expect(page).toHaveURL(/\/es\/learn\/[a-z-]+\/[a-z-]+$/);
	await expect(page.locator('.review-state')).toBeVisible();
	await context.close();
});

/** Each lesson's frontmatter in one language, read from curriculum/ as the build reads it. */
function lessonsOnDisk(locale: 'en' | 'es') {
	const root = path.resolve('curriculum');
	return (fs.readdirSync(root, { recursive: true }) as string[])
		.filter((file) => file.endsWith(`/${locale}.svx`))
		.map((file) => {
			const [moduleFolder, lessonFolder] = file.split('/');
			const frontmatter = parseYaml(/^---\r?\n([\s\S]*?)\r?\n---/.exec(fs.readFileSync(path.join(root, file), 'utf8'))![1]);
			const slug = (folder: string) => folder.replace(/^\d+-/, '');
			return { path: `${slug(moduleFolder)}/${slug(lessonFolder)}`, frontmatter };
		});
}

test('a lesson says whether a legal practitioner has reviewed it, in both languages', async ({ page }) => {
	for (const locale of ['en', 'es'] as const) {
		for (const lesson of lessonsOnDisk(locale).slice(0, 3)) {
			await page.goto(`/${locale}/learn/${lesson.path}`);
			const review = lesson.frontmatter.practitioner_review;
			const expected =
				review === 'none'
					? { en: 'Not yet reviewed by a legal practitioner.', es: 'Ningún profesional del derecho ha revisado todavía esta lección.' }[locale]
					: new RegExp(`^(Reviewed by|Revisada por) ${review.by}, ${review.organisation}, `);
			await expect(page.locator('.review-state')).toHaveText(expected);
		}
	}
});

test('a dated claim shows, beside its section, that the law changes fast and when it was last checked', async ({ page }) => {
	type Claim = { claim: string; checked: string; source: string; section?: string };
	const lessons = lessonsOnDisk('en').map((lesson) => ({
		path: lesson.path,
		claims: (lesson.frontmatter.time_sensitive ?? []) as Claim[]
	}));
	const withSection = lessons.find((lesson) => lesson.claims.some((claim) => claim.section));
	const withFooterClaim = lessons.find((lesson) => lesson.claims.some((claim) => !claim.section));
	expect(withSection).toBeTruthy();

	if (withSection) {
		const claim = withSection.claims.find((candidate) => candidate.section)!;
		await page.goto(`/en/learn/${withSection.path}`);
		const heading = page.locator('.lesson-body h2', { hasText: claim.section!.replace(/[*_`]/g, '') }).first();
		const notice = heading.locator('xpath=following-sibling::*[1]');
		await expect(notice).toHaveClass(/claim-notice/);
		await expect(notice).toContainText('The law here changes fast.');
		await expect(notice).toContainText(claim.claim.trim());
		const checked = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(claim.checked));
		await expect(notice).toContainText(`Last checked on ${checked}.`);
		await expect(notice.getByRole('link', { name: 'Source' }).first()).toHaveAttribute('href', claim.source);
	}
	if (withFooterClaim) {
		const claim = withFooterClaim.claims.find((candidate) => !candidate.section)!;
		await page.goto(`/en/learn/${withFooterClaim.path}`);
		// A claim that names no section is in the notice that closes the body.
		const item = page.locator('.lesson-body .claim-notice li', { hasText: claim.claim.trim().slice(0, 40) });
		const checked = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(claim.checked));
		await expect(item).toContainText(`Last checked on ${checked}.`);
		await expect(item.getByRole('link', { name: 'Source' })).toHaveAttribute('href', claim.source);
	}
});
