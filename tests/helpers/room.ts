import type { Page } from '@playwright/test';
import { setupLink } from './http-client';
import type { RunningServer } from './server';

// A fresh server made ready for the pages that need people: an admin (through the setup link) who plans a
// workshop, and someone who joins it, each in a browser page of the caller's.

export async function adminWithWorkshop(staff: Page, server: RunningServer, title: string) {
	await staff.goto(`/en${setupLink(server)}`, { waitUntil: 'networkidle' });
	await staff.getByLabel('Email').fill('ada@example.org');
	await staff.getByLabel('Your name').fill('Ada');
	await staff.getByLabel('Password').fill('river stone lantern 42');
	await staff.getByRole('button', { name: 'Create admin account' }).click();
	await staff.waitForURL(/two-factor/);
	await staff.goto('/en/workshops', { waitUntil: 'networkidle' });
	await staff.getByLabel('Title').fill(title);
	await staff.getByRole('button', { name: 'Create workshop' }).click();
	await staff.waitForURL(/\/workshops\/[a-z2-7]{32}$/);
	return { workshop: staff.url().split('/').pop()!, code: (await staff.getByTestId('join-code').textContent())!.trim() };
}

export async function joinWorkshop(page: Page, code: string): Promise<void> {
	await page.goto(`/en/j/${code}`, { waitUntil: 'networkidle' });
	await page.getByRole('button', { name: 'Join' }).click();
	await page.waitForURL(/\/w\//);
}
