import { describe, expect, it } from 'vitest';
import { participantMayFollowRoom } from './following';

const device = new Uint8Array([1, 2, 3]);
const other = new Uint8Array([1, 2, 4]);
const live = { erased: false };

describe('participantMayFollowRoom', () => {
	it('lets a participant in the room follow it from the device they joined from', () => {
		expect(participantMayFollowRoom(live, { removed: false, tokenHash: device }, device)).toBe(true);
	});

	it('stops a removed participant, a forgotten one, and the device they moved away from', () => {
		expect(participantMayFollowRoom(live, { removed: true, tokenHash: device }, device)).toBe(false);
		expect(participantMayFollowRoom(live, undefined, device)).toBe(false);
		expect(participantMayFollowRoom(live, { removed: false, tokenHash: other }, device)).toBe(false);
		expect(participantMayFollowRoom(live, { removed: false, tokenHash: null }, device)).toBe(false);
	});

	it('lets an erased room send its last message, and no room that does not exist', () => {
		expect(participantMayFollowRoom({ erased: true }, undefined, device)).toBe(true);
		expect(participantMayFollowRoom(undefined, { removed: false, tokenHash: device }, device)).toBe(false);
	});
});
