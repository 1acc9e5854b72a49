import { describe, expect, it } from 'vitest';
import { sentByAnotherSite } from './fetch-metadata';

const request = (headers: Record<string, string>) => new Request('http://d101.test/j/ACDEFG', { headers });

describe('requests another site makes a browser send', () => {
	it('are images, frames and fetches from another site', () => {
		expect(sentByAnotherSite(request({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' }))).toBe(true);
		expect(sentByAnotherSite(request({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' }))).toBe(true);
		expect(sentByAnotherSite(request({ 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }))).toBe(true);
	});

	it('are not a person opening a link, a scanned QR code, this site’s own pages, or a client that says nothing', () => {
		expect(sentByAnotherSite(request({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }))).toBe(false);
		expect(sentByAnotherSite(request({ 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' }))).toBe(false);
		expect(sentByAnotherSite(request({ 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }))).toBe(false);
		expect(sentByAnotherSite(request({}))).toBe(false);
	});
});
