import { afterEach, describe, expect, it, vi } from 'vitest';
import * as paraglide from '$lib/paraglide/runtime';
import * as client from './client-runtime';

const hrefs = ['/', '/learn/two-systems/why-deportation-101', '/join?code=ABC', '/glossary#bond', '/en', '/es/', '/es?x=1', '/es#a', '/?x=1', '/es/me', '/en/w/42?x=1#top'];

describe('client runtime', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('localizes and de-localizes every kind of href exactly as the generated runtime does', () => {
		for (const href of hrefs) {
			for (const locale of client.locales) {
				expect(client.localizeHref(href, { locale }), `${href} in ${locale}`).toBe(paraglide.localizeHref(href, { locale }));
			}
			expect(client.deLocalizeHref(href), href).toBe(paraglide.deLocalizeHref(href));
			const url = new URL(href, 'http://localhost');
			expect(client.deLocalizeUrl(url).href, href).toBe(paraglide.deLocalizeUrl(url).href);
		}
	});

	it('reads the locale from the path, then from the page, then falls back to the base locale', () => {
		const at = (pathname: string, lang: string) => {
			vi.stubGlobal('location', { pathname });
			vi.stubGlobal('document', { documentElement: { lang } });
			return client.getLocale();
		};
		expect(at('/es/learn', 'en')).toBe('es');
		expect(at('/en', 'es')).toBe('en');
		expect(at('/espanol', 'es')).toBe('es');
		expect(at('/espanol', 'fr')).toBe(client.baseLocale);
	});
});
