/**
 * The kits that ship with Trame, one JSON file each in this folder (the home
 * page's gallery). tests/unit/kits/builtin.test.ts checks every one against
 * the schema.
 */
import type { Kit } from './kit';
import nec from './nec.json';
import worldCafe from './world-cafe.json';
import retrospective from './retrospective.json';
import blank from './blank.json';

export const BUILTIN_KIT_IDS = ['nec', 'world-cafe', 'retrospective', 'blank'] as const;
export type BuiltinKitId = (typeof BUILTIN_KIT_IDS)[number];

export const BUILTIN_KITS: Record<BuiltinKitId, Kit> = {
	nec: nec as Kit,
	'world-cafe': worldCafe as Kit,
	retrospective: retrospective as Kit,
	blank: blank as Kit
};
