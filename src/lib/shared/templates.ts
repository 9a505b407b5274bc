import type { Axis } from '../board/doc';
import type { Template } from './api';
import { frenchSpacing } from '../i18n/typography';

/**
 * Starting axes of each template. Ids are fixed by DESIGN.md; titles and
 * descriptions are French, the board's working language, and organisers can
 * rename them. (UI strings go through Paraglide; these are board content.)
 * French spacing (no-break spaces before « : » and « ? ») comes from frenchSpacing.
 */
export const TEMPLATE_AXES: Record<Template, Axis[]> = {
	nec: [
		{
			id: 'lieux',
			title: 'Lieux',
			description: frenchSpacing(
				'Les lieux hybrides où le numérique prend corps : tiers-lieux, médiathèques, fablabs… Comment les ouvrir, les faire vivre et les relier ?'
			)
		},
		{
			id: 'donnees',
			title: 'Données',
			description: frenchSpacing(
				'Ouvrir et protéger les données : ce que nous partageons, ce que nous gardons, et comment chacun garde la main sur les siennes.'
			)
		},
		{
			id: 'communs',
			title: 'Communs',
			description: frenchSpacing(
				'Les communs numériques : ressources produites et entretenues ensemble, leurs règles, leurs contributeurs et leur gouvernance.'
			)
		}
	],
	blank: [{ id: 'idees', title: 'Idées', description: '' }]
};
