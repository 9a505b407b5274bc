/**
 * Rules for the board's `groups` root: each group is a
 * `Y.Map{ id, axisId, title }` (doc.ts). Grouping is a phase permission.
 */
import * as Y from 'yjs';
import { LIMITS } from '../shared/limits';
import { GROUP_KEYS, GroupKey } from './doc';
import { need, type Ctx } from './validate-context';
import { Violation } from './violations';

export function checkGroupsRoot(ctx: Ctx, groups: Y.Map<unknown>, keys: Set<string | null>): Violation | null {
	const phase = need(ctx, 'group');
	if (phase) return phase;
	let added = false;
	for (const key of keys) {
		if (key === null) return Violation.badGroup;
		const value = groups.get(key);
		if (value === undefined) continue; // deleted
		const bad = checkGroup(ctx, key, value);
		if (bad) return bad;
		added = true;
	}
	if (added && groups.size > LIMITS.groupsPerBoard) return Violation.tooManyGroups;
	return null;
}

/** A change inside an existing group map (its title or axis). */
export function checkGroupFields(ctx: Ctx, group: Y.Map<unknown>, keys: Set<string | null>): Violation | null {
	const phase = need(ctx, 'group');
	if (phase) return phase;
	if (group._item?.deleted) return null;
	for (const key of keys) if (key !== GroupKey.title && key !== GroupKey.axisId) return Violation.immutableField;
	return checkGroup(ctx, group._item!.parentSub!, group);
}

/** The group map a changed type sits in (directly), or null. */
export function groupOf(type: Y.AbstractType<unknown>, groups: Y.Map<unknown>): Y.Map<unknown> | null {
	return type._item?.parent === groups && type instanceof Y.Map ? type : null;
}

function checkGroup(ctx: Ctx, key: string, value: unknown): Violation | null {
	if (!(value instanceof Y.Map)) return Violation.badGroup;
	for (const k of value.keys()) if (!GROUP_KEYS.includes(k)) return Violation.badGroup;
	const title = value.get(GroupKey.title);
	if (value.get(GroupKey.id) !== key || typeof title !== 'string' || title.length > LIMITS.titleLength) {
		return Violation.badGroup;
	}
	if (!ctx.axes.has(value.get(GroupKey.axisId) as string)) return Violation.unknownAxis;
	return null;
}
