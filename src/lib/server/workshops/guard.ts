import { error, type RequestEvent } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { database } from '$lib/server/db';
import * as workshops from './workshops';

/** The workshop in the route, for its own facilitator or an admin; anyone else gets a 404, not a hint it exists. */
export async function requireOwnWorkshop(event: Pick<RequestEvent, 'locals' | 'url' | 'params'> & { route: { id: string | null } }) {
	const { user, session } = requireStaff(event);
	const workshop = await workshops.getFor(database(), event.params.id ?? '', user);
	if (!workshop) error(404, 'Workshop not found');
	return { user, session, workshop };
}
