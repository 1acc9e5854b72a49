import type { Page } from '@playwright/test';
import { dayOf } from '../../src/lib/server/days';
import { newClient, setupLink, testIdText, type Client } from './http-client';
import { learnerSetBy, type Learner } from './learner-requests';
import type { RunningServer } from './server';

// A fresh server made ready for the pages that need people: an admin (through the setup link) who plans a
// workshop, and someone who joins it, each in a browser page of the caller's, or over plain HTTP.

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

/** The same over HTTP alone: an admin made through the setup link, who plans a workshop of these lessons. */
export async function workshopOverHttp(server: RunningServer, title: string, lessonSlugs: string[]) {
	const facilitator = await newClient(server);
	await facilitator.submit(`/en${setupLink(server)}`, { email: 'ada@example.org', displayName: 'Ada', password: 'river stone lantern 42' });
	return { facilitator, ...(await planWorkshop(facilitator, title, lessonSlugs)) };
}

/** A workshop of these lessons planned by a signed-in staff client: its control page's path and its join code. */
export async function planWorkshop(staff: Client, title: string, lessonSlugs: string[]) {
	const created = await staff.context.post('/en/workshops?/create', {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		data: new URLSearchParams([
			['title', title],
			['heldOn', dayOf()],
			...lessonSlugs.map((slug): [string, string] => ['lesson', slug])
		]).toString(),
		maxRedirects: 0
	});
	const workshopPath = created.headers()['location'];
	if (!workshopPath) throw new Error(`Creating a workshop answered ${created.status()}`);
	const code = testIdText(await (await staff.get(workshopPath)).text(), 'join-code')!;
	return { workshopPath, code };
}

/** Joins a workshop as a phone without JavaScript does; the participant is the learner whose cookie that sets. */
export async function joinOverHttp(server: RunningServer, code: string, displayName = 'Phone'): Promise<{ workshopId: string; participant: Learner }> {
	const response = await fetch(`${server.url}/en/j/${code}`, {
		method: 'POST',
		headers: { origin: server.origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ displayName }).toString(),
		redirect: 'manual'
	});
	const participant = learnerSetBy(response);
	if (response.status !== 303 || !participant) throw new Error(`Joining answered ${response.status}`);
	return { workshopId: response.headers.get('location')!.split('/').pop()!, participant };
}

export type RoomFollower = Awaited<ReturnType<typeof followRoomEvents>>;

/** A room's Server-Sent Events as a phone reads them: every room it has received, and whether the stream ended. */
export async function followRoomEvents(server: RunningServer, workshopId: string, participant: Learner) {
	return followEvents(server, `/w/${workshopId}/events`, participant.cookie);
}

/** The staff screen's events of a workshop (its control page's path), for the session in `cookie`. */
export async function followStaffEvents(server: RunningServer, workshopPath: string, cookie: string) {
	return followEvents(server, `${workshopPath.replace(/^\/(en|es)\//, '/')}/events`, cookie);
}

async function followEvents(server: RunningServer, path: string, cookie: string) {
	const response = await fetch(`${server.url}${path}`, {
		headers: { cookie, accept: 'text/event-stream' },
		redirect: 'manual'
	});
	if (response.status !== 200) throw new Error(`The room's events answered ${response.status}`);
	const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
	const follower = {
		rooms: [] as { position: number }[],
		ended: undefined as 'by the server' | 'cut off' | undefined,
		close: () => reader.cancel()
	};
	let buffered = '';
	void (async () => {
		for (;;) {
			const { value, done } = await reader.read().catch(() => ({ value: undefined, done: undefined }));
			if (done === undefined) return void (follower.ended = 'cut off');
			if (done) return void (follower.ended = 'by the server');
			buffered += value;
			let end: number;
			while ((end = buffered.indexOf('\n\n')) >= 0) {
				const data = /^data: (.*)$/m.exec(buffered.slice(0, end))?.[1];
				if (data) follower.rooms.push(JSON.parse(data));
				buffered = buffered.slice(end + 2);
			}
		}
	})();
	return follower;
}
