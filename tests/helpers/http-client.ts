import { request, type APIRequestContext, type APIResponse } from '@playwright/test';
import type { RunningServer } from './server';

// A browser-like HTTP client for driving form actions through the real server: it keeps cookies, sends the
// Origin header a browser would, and does not follow redirects so tests can see them.

export interface Client {
	context: APIRequestContext;
	get(path: string): Promise<APIResponse>;
	/** Submits a form as a browser without JavaScript does. */
	submit(path: string, form: Record<string, string>): Promise<APIResponse>;
	/** The cookies the client holds, by name. */
	cookies(): Promise<Record<string, string>>;
	dispose(): Promise<void>;
}

export async function newClient(server: RunningServer, headers: Record<string, string> = {}): Promise<Client> {
	const context = await request.newContext({
		baseURL: server.url,
		extraHTTPHeaders: { origin: server.origin, accept: 'text/html', ...headers }
	});
	return {
		context,
		get: (path) => context.get(path, { maxRedirects: 0 }),
		submit: (path, form) => context.post(path, { form, maxRedirects: 0 }),
		cookies: async () =>
			Object.fromEntries((await context.storageState()).cookies.map((cookie) => [cookie.name, cookie.value])),
		dispose: () => context.dispose()
	};
}

/** The text of the first element matching a data-testid in an HTML page. */
export function testIdText(html: string, testId: string): string | undefined {
	return new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html)?.[1];
}

/** The value of a hidden input by name. */
export function inputValue(html: string, name: string): string | undefined {
	return new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];
}

export function setupLink(server: RunningServer): string {
	const match = /open (http\S+\/setup\/\S+) to create/.exec(server.output());
	if (!match) throw new Error(`No setup link in the server output:\n${server.output()}`);
	return new URL(match[1]).pathname;
}
