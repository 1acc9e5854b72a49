// What a browser says about where a request comes from (Fetch Metadata: Sec-Fetch-Site, -Mode, -Dest).

/**
 * True when another site's page made the browser send this request without the person opening it: an image, a
 * script, a frame or a fetch pointed at this site. Such requests deserve no answer that reveals or counts anything
 * (a page full of images pointing at join links would otherwise spend a whole venue's allowance of wrong codes).
 * A person who follows a link, scans a QR code or types the address sends a top-level navigation, which is not this.
 * Clients that send no Fetch Metadata (old browsers, scripts) are not this either: they are counted as usual.
 */
export function sentByAnotherSite(request: Request): boolean {
	const site = request.headers.get('sec-fetch-site');
	if (!site || site === 'same-origin' || site === 'none') return false;
	return request.headers.get('sec-fetch-mode') !== 'navigate' || request.headers.get('sec-fetch-dest') !== 'document';
}
