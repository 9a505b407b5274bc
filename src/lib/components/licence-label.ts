import { getLocale } from '$lib/paraglide/runtime.js';
import { LICENCES, type LicenceId } from '$lib/shared/licences';

/** A licence's name in the page's language (licences.ts holds both). */
export function licenceLabel(id: LicenceId): string {
	return LICENCES[id].label[getLocale()];
}
