import type { Cookies, Handle } from '@sveltejs/kit';

// Reading comfort, remembered on the device in two cookies (no account): the text size and a high-contrast theme.

export const textSizes = ['normal', 'large', 'larger'] as const;
export const contrasts = ['normal', 'high'] as const;
export type Preferences = { textSize: (typeof textSizes)[number]; contrast: (typeof contrasts)[number] };

const oneYear = 365 * 24 * 60 * 60;
const textSizeCookie = 'd101_text';
const contrastCookie = 'd101_contrast';
export const preferenceCookies = [textSizeCookie, contrastCookie];

export function readPreferences(cookies: Cookies): Preferences {
	const textSize = textSizes.find((size) => size === cookies.get(textSizeCookie)) ?? 'normal';
	const contrast = contrasts.find((value) => value === cookies.get(contrastCookie)) ?? 'normal';
	return { textSize, contrast };
}

export function savePreferences(cookies: Cookies, secure: boolean, input: { textSize: string; contrast: string }): void {
	const options = { path: '/', maxAge: oneYear, httpOnly: true, sameSite: 'lax' as const, secure };
	if ((textSizes as readonly string[]).includes(input.textSize)) cookies.set(textSizeCookie, input.textSize, options);
	if ((contrasts as readonly string[]).includes(input.contrast)) cookies.set(contrastCookie, input.contrast, options);
}

/** Puts the reader's preferences on <html>, where the style sheet reads them, so the first paint is already right. */
export const handlePreferences: Handle = ({ event, resolve }) => {
	const { textSize, contrast } = readPreferences(event.cookies);
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%d101.text%', textSize).replace('%d101.contrast%', contrast)
	});
};
