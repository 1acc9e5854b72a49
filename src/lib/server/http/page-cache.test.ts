import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { createPageCache, fromTemplate, toTemplate } from './page-cache';

describe('the page cache’s templates', () => {
	const page = '<script nonce="N0nce==">start("KEY123")</script><input name="submissionKey" value="KEY123"><p>KEY</p>';

	it('put fresh tokens wherever the rendered ones were, and nowhere else', () => {
		const template = toTemplate(page, { nonce: 'N0nce==', submissionKey: 'KEY123' });
		expect(template).not.toContain('N0nce==');
		expect(template).not.toContain('KEY123');
		expect(fromTemplate(template, { nonce: 'fresh==', submissionKey: 'NEW456' })).toBe(
			'<script nonce="fresh==">start("NEW456")</script><input name="submissionKey" value="NEW456"><p>KEY</p>'
		);
	});

	it('keep a page without a nonce (a hashed CSP) as it was, apart from the key', () => {
		const template = toTemplate(page, { submissionKey: 'KEY123' });
		expect(fromTemplate(template, { nonce: 'unused', submissionKey: 'K2' })).toBe(page.replaceAll('KEY123', 'K2'));
	});
});

describe('the page cache', () => {
	/** A cookieless visitor's request for `path`, to a route the cache keeps, rendered in the visitor's language. */
	function visit(cache: ReturnType<typeof createPageCache>, path: string, language: string) {
		const url = new URL(path, 'http://d101.test');
		const request = new Request(url, { headers: { 'accept-language': language } });
		const event = {
			request,
			url,
			route: { id: '/(public)/privacy' },
			isDataRequest: false,
			locals: { user: null, learner: null },
			cookies: { getAll: () => [], get: () => undefined, serialize: () => '' }
		} as unknown as RequestEvent;
		const resolve = async () => {
			const locale = /^\/(en|es)\//.exec(url.pathname)?.[1] ?? language;
			return new Response(`<html lang="${locale}">`, { headers: { 'content-type': 'text/html' } });
		};
		return cache.handle({ event, resolve }) as Promise<Response>;
	}

	it('answers two cookieless visitors of a bare path each in their own language, and stores neither page', async () => {
		const cache = createPageCache();
		expect(await (await visit(cache, '/privacy', 'es')).text()).toBe('<html lang="es">');
		expect(await (await visit(cache, '/privacy', 'en')).text()).toBe('<html lang="en">');
		expect(cache.size()).toBe(0);
	});

	it('stores a page whose address names its language, for everyone', async () => {
		const cache = createPageCache();
		expect(await (await visit(cache, '/es/privacy', 'es')).text()).toBe('<html lang="es">');
		expect(await (await visit(cache, '/es/privacy', 'en')).text()).toBe('<html lang="es">');
		expect(cache.size()).toBe(1);
	});
});
