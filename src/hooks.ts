import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

// /es/learn/… and /en/learn/… are the same route; the locale is read from the path by the paraglide handle.
export const reroute: Reroute = ({ url }) => deLocalizeUrl(url).pathname;
