// Who may go on following a live room on their phone: the one rule, whether asked of one participant (a stream
// opening, a heartbeat) or of the whole room's roster read once after a change.

/**
 * A participant's phone may follow the room while they are in it, not removed, on the device they joined from (a
 * resume code moves them to a new device, and the old one stops). An erased room may still send its last message,
 * which sends the phone to the neutral page.
 */
export function participantMayFollowRoom(
	room: { erased: boolean } | undefined,
	participant: { removed: boolean; tokenHash: Uint8Array | null } | undefined,
	deviceTokenHash: Uint8Array
): boolean {
	if (!room) return false;
	if (room.erased) return true;
	return participant !== undefined && !participant.removed && participant.tokenHash !== null && Buffer.from(participant.tokenHash).equals(Buffer.from(deviceTokenHash));
}
