import { browser } from '$app/environment';

// Form submissions made while offline, kept on this device until the connection returns. Each carries the key
// the server uses to record it once, so sending one twice (two tabs, a retry) still counts once.

const storageKey = 'd101-outbox';

interface Pending {
	action: string;
	fields: [string, string][];
}

function read(): Pending[] {
	if (!browser) return [];
	try {
		return JSON.parse(localStorage.getItem(storageKey) ?? '[]') as Pending[];
	} catch {
		return [];
	}
}

function write(pending: Pending[]): void {
	if (pending.length) localStorage.setItem(storageKey, JSON.stringify(pending));
	else localStorage.removeItem(storageKey);
}

export function keep(action: string, form: FormData): void {
	const fields = [...form].filter((entry): entry is [string, string] => typeof entry[1] === 'string');
	write([...read(), { action, fields }]);
}

export function count(): number {
	return read().length;
}

/**
 * Sends what was kept, oldest first, and forgets each submission the server has answered (accepted or refused:
 * a refused one would be refused again). Stops at the first network failure. Returns how many were sent.
 */
export async function flush(): Promise<number> {
	let sent = 0;
	for (const pending of read()) {
		try {
			await fetch(pending.action, {
				method: 'POST',
				body: new URLSearchParams(pending.fields),
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
		} catch {
			break;
		}
		write(read().filter((item) => JSON.stringify(item) !== JSON.stringify(pending)));
		sent++;
	}
	return sent;
}
