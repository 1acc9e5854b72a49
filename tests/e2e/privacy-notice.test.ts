import { expect, test } from '@playwright/test';
import { privacyRegistry } from '../../src/lib/server/privacy/registry';

// The privacy notice is one footer link away, in the reader's language, and shows every column the registry lists.

const columnCount = Object.values(privacyRegistry).reduce((sum, table) => sum + Object.keys(table.columns).length, 0);

for (const [locale, heading] of [
	['en', 'Privacy: what this platform keeps'],
	['es', 'Privacidad: qué guarda esta plataforma']
] as const) {
	test(`the footer leads to the privacy notice in ${locale}, with every table and column`, async ({ page }) => {
		await page.goto(`/${locale}/learn/two-systems/why-deportation-101`);
		await page.locator('footer').getByRole('link', { name: locale === 'en' ? 'How this platform handles your data' : 'Cómo trata esta plataforma sus datos' }).click();
		await expect(page).toHaveURL(`/${locale}/privacy`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		for (const [name, table] of Object.entries(privacyRegistry)) {
			const shown = table.schema ? `${table.schema}.${name}` : name;
			await expect(page.locator('h3 code').getByText(shown, { exact: true })).toHaveCount(1);
		}
		await expect(page.locator('.privacy-table tbody tr')).toHaveCount(columnCount);
		await expect(page.locator('.privacy-table tbody tr').filter({ hasText: 'display_name' }).first()).toContainText(
			locale === 'en' ? 'The name chosen to join.' : 'El nombre elegido al entrar.'
		);
	});
}
