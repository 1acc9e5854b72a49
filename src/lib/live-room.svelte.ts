import { invalidateAll } from '$app/navigation';

// Follows a workshop room through its event stream: the page starts from the state its load gave it, and each
// message (the whole room) replaces it. EventSource reconnects by itself after a dropped connection. The server
// closes the stream after an ended room, and refuses it to someone who may no longer follow the room (signed
// out, removed, forgotten): the page then loads again, to show why or to go where the load sends it.

export function followRoom<Room extends { version: number; ended: boolean }>(streamUrl: () => string, loaded: () => Room) {
	let latest = $state<Room | null>(null);
	$effect(() => {
		const source = new EventSource(streamUrl());
		source.onmessage = (event) => {
			latest = JSON.parse(event.data) as Room;
			if (latest.ended) source.close();
		};
		source.onerror = () => {
			if (source.readyState !== EventSource.CLOSED) return;
			// What the load gives now is newer than any message, whatever their versions (removal moves none).
			latest = null;
			void invalidateAll();
		};
		return () => source.close();
	});
	return {
		get current(): Room {
			const base = loaded();
			return latest && latest.version >= base.version ? latest : base;
		}
	};
}
