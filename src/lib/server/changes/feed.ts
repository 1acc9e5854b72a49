import { m } from '$lib/paraglide/messages';
import { localizeHref } from '$lib/paraglide/runtime';
import * as reader from '$lib/server/curriculum/reader';
import type { Locale } from '$lib/server/curriculum/schema';
import { atomFeed } from './atom';

/** The changelog's Atom feed in one language, every address absolute under `origin` (the request's). */
export function changesFeed(locale: Locale, origin: string): string {
	const absolute = (path: string) => new URL(localizeHref(path, { locale }), origin).href;
	const pageUrl = absolute('/changes');
	return atomFeed({
		host: new URL(origin).hostname,
		locale,
		title: m.changes_feed_title({}, { locale }),
		author: m.site_name({}, { locale }),
		selfUrl: absolute('/changes.atom'),
		pageUrl,
		entries: reader.listChanges(locale).map((entry) => ({
			id: entry.id,
			date: entry.date,
			title: entry.title,
			changes: entry.changes,
			url: `${pageUrl}#${entry.id}`,
			lessons: entry.lessons.map((lesson) => ({ title: lesson.title, url: absolute(`/learn/${lesson.path}`) }))
		}))
	});
}

