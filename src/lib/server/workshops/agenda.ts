// The pure rules of a workshop's agenda: when it may change, and what each change makes of it.

/** One change the facilitator asks of the agenda: move a lesson one place, take it out, or add one at the end. */
export type AgendaEdit = { kind: 'up' | 'down' | 'remove' | 'add'; lessonId: string };

/**
 * A workshop has started once its room has left the first lesson, has a question open, or holds an answer: from
 * then on phones show its lessons by their place in the agenda, and answers belong to them, so the agenda stays
 * as it is. Before that, a facilitator may still change it, even with people already in the room (they follow).
 */
export function hasStarted(room: { endedAt: Date | null; position: number; openQuestionId: string | null }, answers: number): boolean {
	return room.endedAt !== null || room.position > 0 || room.openQuestionId !== null || answers > 0;
}

/**
 * The agenda after one change, or undefined when the change makes no sense (an unknown lesson, a lesson added
 * twice, the first moved up, the last lesson taken out: a workshop teaches at least one).
 */
export function editAgenda(agenda: readonly string[], edit: AgendaEdit, knownLessons: ReadonlySet<string>): string[] | undefined {
	const index = agenda.indexOf(edit.lessonId);
	switch (edit.kind) {
		case 'add':
			return knownLessons.has(edit.lessonId) && index === -1 ? [...agenda, edit.lessonId] : undefined;
		case 'remove':
			return index === -1 || agenda.length === 1 ? undefined : agenda.filter((id) => id !== edit.lessonId);
		case 'up':
		case 'down': {
			const target = index + (edit.kind === 'up' ? -1 : 1);
			if (index === -1 || target < 0 || target >= agenda.length) return undefined;
			const moved = [...agenda];
			[moved[index], moved[target]] = [moved[target], moved[index]];
			return moved;
		}
	}
}
