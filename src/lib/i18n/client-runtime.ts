// The browser's stand-in for Paraglide's generated runtime (src/lib/paraglide/runtime.js), swapped in for client
// builds only by vite.config.ts. Every page's path starts with its locale (/en/…, /es/…), and the server resolves
// and remembers the locale, so the browser needs none of the runtime's strategy and URL-pattern machinery: this
// saves 3.4 KB of gzip on every first visit. client-runtime.test.ts checks that it localizes exactly as the real one.
import settings from '../../../project.inlang/settings.json';

type Locale = 'en' | 'es';

export const baseLocale = settings.baseLocale as Locale;
export const locales = settings.locales as Locale[];
export const experimentalStaticLocale: Locale | undefined = undefined;

const prefix = new RegExp(`^/(${locales.join('|')})(?=/|$|\\?|#)`);

export function isLocale(value: unknown): value is Locale {
	return locales.includes(value as Locale);
}

export function getLocale(): Locale {
	const inPath = location.pathname.match(prefix)?.[1];
	if (isLocale(inPath)) return inPath;
	const ofPage = document.documentElement.lang;
	return isLocale(ofPage) ? ofPage : baseLocale;
}

/** '/es/learn?x#y' → '/learn?x#y'; anything not on this site's paths is returned as it is. */
export function deLocalizeHref(href: string): string {
	if (!href.startsWith('/')) return href;
	const rest = href.replace(prefix, '');
	return rest.startsWith('/') ? rest : `/${rest}`;
}

/** '/learn' → '/es/learn' (the current locale unless another is asked for). */
export function localizeHref(href: string, options?: { locale?: Locale }): string {
	if (!href.startsWith('/')) return href;
	// '/en' stays without its slash and '/' becomes '/en/', as the generated runtime does.
	return `/${options?.locale ?? getLocale()}${href.replace(prefix, '')}`;
}

export function deLocalizeUrl(url: URL): URL {
	const copy = new URL(url);
	copy.pathname = deLocalizeHref(url.pathname);
	return copy;
}
