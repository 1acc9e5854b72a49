import type { Session } from '$lib/server/db/schema';
import type { Learner } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/session';

// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			/** The organization asks for a second factor and this user has none yet. */
			twoFactorEnrolmentRequired: boolean;
			learner: Learner | null;
			/** A fresh key for the quiz form of this rendering (see http/page-cache.ts). */
			submissionKey: string;
		}
	}
}

export {};
