import { expect, test } from '@playwright/test';
import { lessonAt } from '../helpers/lessons';

// Keyboard use of the lesson, quiz and join flows; touch targets on participant pages; text size and contrast
// remembered without an account.

const lessonPath = 'two-systems/why-deportation-101';

test('the skip link takes a keyboard user straight to the content', async ({ page }) => {
	await page.goto(`/en/learn/${lessonPath}`);
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to main content' });
	await expect(skip).toBeFocused();
	await expect(skip).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/#main$/);
	await page.keyboard.press('Tab');
	// The next stop is inside the main content, not back in the header.
	expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('a quiz can be answered and submitted with the keyboard alone, with focus always visible', async ({ page }) => {
	const lesson = lessonAt(lessonPath);
	await page.goto(`/en/learn/${lessonPath}`);
	const first = page.locator(`input[name="q-${lesson.quiz.questions[0].id}"]`).first();
	await first.focus();
	await page.keyboard.press('Space');
	await expect(first).toBeChecked();
	// A visible focus indicator: the outline is drawn.
	expect(await first.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
	await page.getByRole('button', { name: 'Check my answers' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText(/You got \d+ of \d+ right/)).toBeVisible();
});

test('joining a workshop by code works from the keyboard', async ({ page }) => {
	await page.goto('/en/join');
	await page.getByLabel('Code from the screen').focus();
	await page.keyboard.type('AAAAAA');
	await page.keyboard.press('Enter');
	await expect(page.getByText('We could not find an open workshop with that code.')).toBeVisible();
	await expect(page.getByLabel('Code from the screen')).toHaveAttribute('aria-invalid', 'true');
});

test('answer choices and controls on participant pages are at least 44 by 44 pixels', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(`/en/learn/${lessonPath}`);
	const targets = page.locator('.choice, main button, main select, .pager a');
	const small: string[] = [];
	for (const target of await targets.all()) {
		const box = await target.boundingBox();
		if (box && (box.height < 44 || box.width < 44)) small.push(`${await target.evaluate((e) => e.outerHTML.slice(0, 80))} ${box.width}x${box.height}`);
	}
	expect(await targets.count()).toBeGreaterThan(10);
	expect(small).toEqual([]);
});

test('text size and high contrast are remembered without an account, and work without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`/en/learn/${lessonPath}`);
	const before = await page.locator('main p').first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
	await page.getByLabel('Text size').selectOption('larger');
	await page.getByLabel('Contrast').selectOption('high');
	await page.getByRole('button', { name: 'Apply' }).click();
	await expect(page).toHaveURL(new RegExp(`/en/learn/${lessonPath}$`));
	await expect(page.locator('html')).toHaveAttribute('data-text-size', 'larger');
	await expect(page.locator('html')).toHaveAttribute('data-contrast', 'high');
	const after = await page.locator('main p').first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
	expect(after).toBeGreaterThan(before * 1.3);
	expect(await page.locator('body').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(255, 255, 255)');
	await page.goto('/es');
	await expect(page.locator('html')).toHaveAttribute('data-text-size', 'larger');
	await context.close();
});
