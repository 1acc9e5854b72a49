import { describe, expect, it } from 'vitest';
import { atomFeed, escapeXml, tagId, type Feed } from './atom';

const feed: Feed = {
	host: 'd101.example.org',
	locale: 'es',
	title: 'Deportation 101: qué cambió',
	author: 'Deportation 101',
	selfUrl: 'https://d101.example.org/es/changes.atom',
	pageUrl: 'https://d101.example.org/es/changes',
	entries: [
		{
			id: '2026-12-05-court',
			date: '2026-12-05',
			title: 'Cortes & <detención>',
			changes: ['Una frase con «comillas» y "otras" & <b>etiquetas</b>.'],
			url: 'https://d101.example.org/es/changes#2026-12-05-court',
			lessons: [{ title: 'La detención', url: 'https://d101.example.org/es/learn/detention-court-relief/detention?a=1&b=2' }]
		},
		{ id: '2026-12-04-safety', date: '2026-12-04', title: 'Seguridad', changes: ['Uno.', 'Dos.'], url: 'https://d101.example.org/es/changes#2026-12-04-safety', lessons: [] }
	]
};

/** The text between an element's tags, for each time it occurs. */
const elements = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([\\s\\S]*?)</${name}>`, 'g'))].map((match) => match[1]);

describe('the changelog Atom feed', () => {
	const xml = atomFeed(feed);

	it('has the feed elements Atom 1.0 requires, with a self link and the page it mirrors', () => {
		expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">')).toBe(true);
		expect(elements(xml, 'id')[0]).toBe('tag:d101.example.org,2026:changes/es');
		expect(elements(xml, 'title')[0]).toBe('Deportation 101: qué cambió');
		expect(elements(xml, 'updated')[0]).toBe('2026-12-05T00:00:00Z');
		expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://d101.example.org/es/changes.atom"/>');
		expect(xml).toContain('<link rel="alternate" type="text/html" href="https://d101.example.org/es/changes"/>');
		expect(xml).toContain('<author><name>Deportation 101</name></author>');
		expect(xml.trimEnd().endsWith('</feed>')).toBe(true);
	});

	it('gives each entry a stable tag id, a title, its date, a link to the page and escaped content', () => {
		const entries = elements(xml, 'entry');
		expect(entries).toHaveLength(2);
		expect(elements(entries[0], 'id')).toEqual([tagId('d101.example.org', 'es', '2026-12-05-court')]);
		expect(elements(entries[0], 'id')).toEqual(['tag:d101.example.org,2026:changes/es/2026-12-05-court']);
		expect(elements(entries[0], 'title')).toEqual(['Cortes &amp; &lt;detención&gt;']);
		expect(elements(entries[0], 'updated')).toEqual(['2026-12-05T00:00:00Z']);
		expect(entries[0]).toContain('<link rel="alternate" type="text/html" href="https://d101.example.org/es/changes#2026-12-05-court"/>');
		// The content is HTML, escaped once to be text in the XML: the sentence's own markup is escaped twice.
		const content = elements(entries[0], 'content')[0];
		expect(content).toContain('&lt;li&gt;Una frase con «comillas» y &amp;quot;otras&amp;quot; &amp;amp; &amp;lt;b&amp;gt;etiquetas');
		expect(content).toContain('&lt;a href=&quot;https://d101.example.org/es/learn/detention-court-relief/detention?a=1&amp;amp;b=2&quot;&gt;La detención&lt;/a&gt;');
		expect(xml).not.toMatch(/<(?!\/?(feed|id|title|updated|link|author|name|entry|content)\b|\?xml)/);
	});

	it('keeps the same ids when an entry is added', () => {
		const later = atomFeed({ ...feed, entries: [{ ...feed.entries[1], id: '2027-01-10-new', date: '2027-01-10' }, ...feed.entries] });
		expect(elements(later, 'id')[0]).toBe(elements(xml, 'id')[0]);
		expect(elements(later, 'id').slice(2)).toEqual(elements(xml, 'id').slice(1));
		expect(elements(later, 'updated')[0]).toBe('2027-01-10T00:00:00Z');
	});

	it('is still a valid feed with no entry', () => {
		const empty = atomFeed({ ...feed, entries: [] });
		expect(elements(empty, 'updated')).toEqual(['2026-12-04T00:00:00Z']);
		expect(empty).not.toContain('<entry>');
	});

	it('escapes every character XML gives meaning to', () => {
		expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
	});
});
