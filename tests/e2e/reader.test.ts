import { expect, test, type Page } from '@playwright/test';

// A reader on the embedded database: the lesson list, a lesson, the language switch, resources and glossary,
// and the promise that no page asks any other host for anything.

/** Records every request the page makes, so a test can check that none leaves this server. */
function recordRequests(page: Page): string[] {
	const urls: string[] = [];
	page.on('request', (request) => urls.push(request.url()));
	return urls;
}

test('the home page lists the modules and at least twelve lessons, and a lesson opens from it', async ({ page }) => {
	await page.goto('/en/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 2 })).not.toHaveCount(0);
	const lessonLinks = page.locator('.lesson-list a');
	expect(await lessonLinks.count()).toBeGreaterThanOrEqual(12);

	const title = (await lessonLinks.first().textContent())!.trim();
	await lessonLinks.first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	await expect(page.getByRole('heading', { name: 'In this lesson you will' })).toBeVisible();
	await expect(page.getByText('This is general information, not legal advice.')).toBeVisible();
	expect((await page.locator('.lesson-body').innerText()).length).toBeGreaterThan(500);
	await expect(page.getByText(/^Last reviewed:/)).toBeVisible();
});

test('a bare address opens in the browser’s language', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'es-MX' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page).toHaveURL(/\/es\/?$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lecciones');
	await context.close();
});

test('the language switch keeps the reader on the same lesson', async ({ page }) => {
	await page.goto('/en/');
	await page.locator('.lesson-list a').nth(1).click();
	await expect(page).toHaveURL(/\/en\/learn\/[a-z-]+\/[a-z-]+$/);
	const englishUrl = new URL(page.url());
	const englishTitle = await page.getByRole('heading', { level: 1 }).textContent();

	await page.getByRole('link', { name: 'Español' }).click();
	await expect(page).toHaveURL(englishUrl.pathname.replace(/^\/en\//, '/es/'));
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.getByText('Esta es información general, no asesoría legal.', { exact: false })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).not.toHaveText(englishTitle!);

	await page.getByRole('link', { name: 'English' }).click();
	await expect(page).toHaveURL(englishUrl.pathname);
});

test('a glossary link in a lesson lands on its term, in the reader’s language', async ({ page }) => {
	await page.goto('/es/');
	await page.locator('.lesson-list a').first().click();
	const termLink = page.locator('.lesson-body a[href*="/glossary#"]').first();
	const href = await termLink.getAttribute('href');
	expect(href).toMatch(/^\/es\/glossary#[a-z0-9-]+$/);
	await termLink.click();
	await expect(page.locator(`dt#${href!.split('#')[1]}`)).toBeVisible();
});

test('the resources page lists every theme with links out, and the glossary defines terms', async ({ page }) => {
	await page.goto('/en/resources');
	for (const theme of ['Local, city and state policies', 'Against criminalization', 'ICE out of our communities', 'Individual support']) {
		await expect(page.getByRole('heading', { name: theme })).toBeVisible();
	}
	expect(await page.locator('.resource-list a[rel~="external"]').count()).toBeGreaterThanOrEqual(40);

	await page.goto('/en/glossary');
	expect(await page.locator('.glossary dt').count()).toBeGreaterThanOrEqual(20);
});

test('no page requests anything from another host, and the CSP blocks inline script', async ({ page }) => {
	const requests = recordRequests(page);
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});

	const response = await page.goto('/en/');
	const csp = response!.headers()['content-security-policy'];
	const scriptSrc = csp.split(';').find((directive) => directive.trim().startsWith('script-src '));
	expect(scriptSrc).toMatch(/^\s*script-src 'self' 'nonce-[^']+'$/);
	expect(csp).toContain("default-src 'self'");
	expect(response!.headers()['x-content-type-options']).toBe('nosniff');

	await page.locator('.lesson-list a').first().click();
	await page.goto('/en/resources');
	await page.goto('/en/glossary');
	await page.goto('/es/');

	const origin = new URL(page.url()).origin;
	expect(requests.length).toBeGreaterThan(4);
	expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
	expect(violations).toEqual([]);
});

test('the home page does not ship lesson bodies to the browser', async ({ page, request }) => {
	await page.goto('/en/');
	await page.locator('.lesson-list a').first().click();
	const sentence = (await page.locator('.lesson-body p').first().innerText()).trim().slice(0, 60);
	expect(sentence.length).toBeGreaterThan(20);

	const scripts: string[] = [];
	page.on('response', async (response) => {
		if (response.url().endsWith('.js')) scripts.push(await response.text());
	});
	await page.goto('/en/');
	await page.waitForLoadState('networkidle');
	const html = await (await request.get('/en/')).text();
	expect(scripts.length).toBeGreaterThan(0);
	for (const text of [html, ...scripts]) expect(text).not.toContain(sentence);
});

test('an unknown lesson is a 404 page with a way back', async ({ page }) => {
	const response = await page.goto('/en/learn/nothing/here');
	expect(response!.status()).toBe(404);
	await expect(page.getByRole('link', { name: 'Back to the lessons' })).toBeVisible();
});
