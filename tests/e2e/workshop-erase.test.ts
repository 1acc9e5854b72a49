import { expect, test } from '@playwright/test';
import { adminWithWorkshop, joinWorkshop } from '../helpers/room';
import { freshDataDir, startServer, waitUntilUp, type RunningServer } from '../helpers/server';

// A facilitator ends a workshop and erases its participants in one action, with one confirmation: the phones on
// the room turn to a page that says nothing, and a phone that comes back later finds the same.

let server: RunningServer;

test.beforeAll(async () => {
	server = await startServer({ env: { DATA_DIR: freshDataDir(), LOG_LEVEL: 'warn' } });
	await waitUntilUp(server);
});

test.afterAll(() => {
	server?.child.kill('SIGKILL');
});

test('end and erase sends every phone to a neutral page and leaves nothing of the participants', async ({ browser }) => {
	test.setTimeout(90_000);
	const staff = await (await browser.newContext({ baseURL: server.url })).newPage();
	const { workshop, code } = await adminWithWorkshop(staff, server, 'Evening training');
	const phoneContext = await browser.newContext({ baseURL: server.url });
	const phone = await phoneContext.newPage();
	await joinWorkshop(phone, code);
	await staff.reload({ waitUntil: 'networkidle' });
	await expect(staff.getByTestId('attendance')).toContainText('1');

	await staff.getByRole('button', { name: 'End and erase now' }).click();
	await expect(staff.getByRole('alert')).toContainText('This cannot be undone');
	await staff.getByRole('button', { name: 'Yes, end and erase everything' }).click();
	await expect(staff.getByRole('status')).toContainText('has been erased');

	// The phone that was following the room is sent away, without the room in its history.
	await phone.waitForURL('**/closed.html');
	await expect(phone.locator('body')).toHaveText(/This page is closed\.\s*Esta página está cerrada\./);
	expect(await phone.content()).not.toContain('Evening training');
	await phone.goBack().catch(() => {});
	expect(phone.url()).not.toContain(`/w/${workshop}`);

	// Coming back to the room's address (or a phone without JavaScript refreshing) finds the same page.
	const again = await phoneContext.request.get(`/en/w/${workshop}`, { maxRedirects: 0 });
	expect(again.status()).toBe(303);
	expect(again.headers()['location']).toBe('/closed.html');

	// The facilitator's own view holds no one any more.
	await staff.reload({ waitUntil: 'networkidle' });
	await expect(staff.getByTestId('attendance')).toContainText('0');
	await phoneContext.close();
});
