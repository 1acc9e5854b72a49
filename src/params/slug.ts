import type { ParamMatcher } from '@sveltejs/kit';

// Rejects junk in a lesson or module address before any load runs.
export const match: ParamMatcher = (param) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(param);
