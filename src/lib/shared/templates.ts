import type { Axis } from '../board/doc';
import type { Template } from './api';
import { BUILTIN_KITS } from '../kits/builtin';
import type { Kit } from '../kits/kit';

/**
 * `template: "nec" | "blank"` (DESIGN.md, HTTP API) names a built-in kit.
 * Ids are fixed by DESIGN.md; titles, descriptions and prompts are French,
 * the board's working language, and organisers can change them.
 * (UI strings go through Paraglide; these are board content.)
 */
export const TEMPLATE_KITS: Record<Template, Kit> = { nec: BUILTIN_KITS.nec, blank: BUILTIN_KITS.blank };

export const TEMPLATE_AXES: Record<Template, Axis[]> = {
	nec: TEMPLATE_KITS.nec.axes,
	blank: TEMPLATE_KITS.blank.axes
};
