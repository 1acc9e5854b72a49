// Follows a workshop room through its event stream: the page starts from the state its load gave it, and each
// message (the whole room) replaces it. EventSource reconnects by itself after a dropped connection.

export function followRoom<Room extends { version: number }>(streamUrl: () => string, loaded: () => Room) {
	let latest = $state<Room | null>(null);
	$effect(() => {
		const source = new EventSource(streamUrl());
		source.onmessage = (event) => (latest = JSON.parse(event.data) as Room);
		return () => source.close();
	});
	return {
		get current(): Room {
			const base = loaded();
			return latest && latest.version >= base.version ? latest : base;
		}
	};
}
