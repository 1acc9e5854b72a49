import { m } from '$lib/paraglide/messages';

// The words for the catalog's themes and kinds, in the reader's language.

export const themeLabels: Record<string, () => string> = {
	'local-policies': m.theme_local_policies,
	'against-criminalization': m.theme_against_criminalization,
	'ice-out': m.theme_ice_out,
	'individual-support': m.theme_individual_support
};

export const kindLabels: Record<string, () => string> = {
	policy: m.resource_kind_policy,
	organization: m.resource_kind_organization,
	campaign: m.resource_kind_campaign,
	toolkit: m.resource_kind_toolkit,
	'legal-service': m.resource_kind_legal_service
};
