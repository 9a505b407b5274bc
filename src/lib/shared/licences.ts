/**
 * The licences an organiser can put on a board's or an event's outcomes
 * (issue 5: exports as open data). One definition, used by the server (DB
 * default, API validation, exports) and by the pages (join screen, footer).
 * `spdx` is the SPDX identifier where one exists.
 */
export const LICENCE_IDS = ['etalab-2.0', 'odbl-1.0', 'cc-by-sa-4.0', 'cc0-1.0', 'unpublished'] as const;
export type LicenceId = (typeof LICENCE_IDS)[number];

/** What a board or event gets until its organiser chooses: nothing is published by default. */
export const DEFAULT_LICENCE: LicenceId = 'unpublished';

export interface Licence {
	id: LicenceId;
	spdx: string | null;
	label: { fr: string; en: string };
	/** The licence text; null when the outcomes are not published. */
	url: string | null;
	/**
	 * Whether an administration must have it homologated before publishing
	 * public data under it: décret 2017-638 (CRPA art. D323-2-1) lists the
	 * Licence Ouverte and the ODbL, which need none; null when nothing is published.
	 */
	needsHomologation: boolean | null;
}

export const LICENCES: Record<LicenceId, Licence> = {
	'etalab-2.0': {
		id: 'etalab-2.0',
		spdx: 'etalab-2.0',
		label: { fr: 'Licence Ouverte Etalab 2.0', en: 'Etalab Open Licence 2.0' },
		url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
		needsHomologation: false
	},
	'odbl-1.0': {
		id: 'odbl-1.0',
		spdx: 'ODbL-1.0',
		label: { fr: 'Open Database License 1.0 (ODbL)', en: 'Open Database License 1.0 (ODbL)' },
		url: 'https://opendatacommons.org/licenses/odbl/1-0/',
		needsHomologation: false
	},
	'cc-by-sa-4.0': {
		id: 'cc-by-sa-4.0',
		spdx: 'CC-BY-SA-4.0',
		label: {
			fr: 'Creative Commons Attribution – Partage dans les mêmes conditions 4.0 (CC BY-SA 4.0)',
			en: 'Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)'
		},
		url: 'https://creativecommons.org/licenses/by-sa/4.0/',
		needsHomologation: true
	},
	'cc0-1.0': {
		id: 'cc0-1.0',
		spdx: 'CC0-1.0',
		label: { fr: 'CC0 1.0 (domaine public)', en: 'CC0 1.0 (public domain dedication)' },
		url: 'https://creativecommons.org/publicdomain/zero/1.0/',
		needsHomologation: true
	},
	unpublished: {
		id: 'unpublished',
		spdx: null,
		label: { fr: 'Non publié (usage interne de l’organisateur)', en: 'Not published (organiser’s internal use)' },
		url: null,
		needsHomologation: null
	}
};

export function isLicenceId(value: unknown): value is LicenceId {
	return typeof value === 'string' && (LICENCE_IDS as readonly string[]).includes(value);
}
