import { m } from '$lib/paraglide/messages';

// The words for the catalog's themes and kinds, in the reader's language, and how a resource's phone number and
// "checked" date are written.

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
	'legal-service': m.resource_kind_legal_service,
	directory: m.resource_kind_directory,
	hotline: m.resource_kind_hotline
};

/** The `tel:` address for a US phone number as written in a resource file ("1-800-898-7180" → "tel:+18008987180"). */
export function telHref(phone: string): string {
	const digits = phone.replace(/\D/g, '');
	if (phone.trim().startsWith('+')) return `tel:+${digits}`;
	if (digits.length === 10) return `tel:+1${digits}`;
	if (digits.length === 11 && digits.startsWith('1')) return `tel:+${digits}`;
	return `tel:${digits}`;
}

/** A YYYY-MM-DD date in the reader's language, e.g. "5 December 2026" or "December 5, 2026". */
export function formatCheckedDate(date: string, locale: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
