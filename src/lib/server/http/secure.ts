/** True when the request came over HTTPS (directly, or as ORIGIN says behind a proxy): cookies get Secure then. */
export function isSecure(url: URL): boolean {
	return url.protocol === 'https:';
}
