// An Atom 1.0 feed (RFC 4287) of the public changelog, so organisers can follow changes in any feed reader without
// giving an email address. Pure: the route gives it absolute addresses built from the request's origin.

export interface FeedEntry {
	/** Stable within the feed: the changelog file's name. */
	id: string;
	/** YYYY-MM-DD */
	date: string;
	title: string;
	changes: string[];
	/** Absolute address of the entry on the "What changed" page. */
	url: string;
	lessons: { title: string; url: string }[];
}

export interface Feed {
	/** The site's host name, the authority of every `tag:` id (RFC 4151). */
	host: string;
	locale: string;
	title: string;
	author: string;
	/** Absolute addresses of the feed itself and of the page it mirrors. */
	selfUrl: string;
	pageUrl: string;
	/** Newest first. */
	entries: FeedEntry[];
}

/** The year the changelog began: part of every id, so ids never change as entries are added. */
const tagYear = '2026';
/** The feed's `updated` when it has no entry yet. */
const changelogStarted = '2026-12-04';

/** Text made safe inside XML elements and attribute values. */
export function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const timestamp = (day: string) => `${day}T00:00:00Z`;

/** The id of the feed in one language, or of one of its entries: `tag:host,2026:changes/<locale>[/<entry>]`. */
export function tagId(host: string, locale: string, entryId?: string): string {
	return `tag:${host},${tagYear}:changes/${locale}${entryId ? `/${entryId}` : ''}`;
}

/** An entry's content: its changes as a list and links to the lessons, as HTML (which the feed then escapes). */
function entryHtml(entry: FeedEntry): string {
	const changes = `<ul>${entry.changes.map((change) => `<li>${escapeXml(change)}</li>`).join('')}</ul>`;
	const lessons = entry.lessons.map((lesson) => `<a href="${escapeXml(lesson.url)}">${escapeXml(lesson.title)}</a>`).join(', ');
	return lessons ? `${changes}<p>${lessons}</p>` : changes;
}

export function atomFeed(feed: Feed): string {
	const updated = timestamp(feed.entries[0]?.date ?? changelogStarted);
	const entries = feed.entries.map((entry) =>
		[
			'  <entry>',
			`    <id>${escapeXml(tagId(feed.host, feed.locale, entry.id))}</id>`,
			`    <title>${escapeXml(entry.title)}</title>`,
			`    <updated>${timestamp(entry.date)}</updated>`,
			`    <link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
			`    <content type="html">${escapeXml(entryHtml(entry))}</content>`,
			'  </entry>'
		].join('\n')
	);
	return [
		'<?xml version="1.0" encoding="utf-8"?>',
		`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.locale)}">`,
		`  <id>${escapeXml(tagId(feed.host, feed.locale))}</id>`,
		`  <title>${escapeXml(feed.title)}</title>`,
		`  <updated>${updated}</updated>`,
		`  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
		`  <link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
		`  <author><name>${escapeXml(feed.author)}</name></author>`,
		...entries,
		'</feed>',
		''
	].join('\n');
}
