/**
 * What every board rule needs while one transaction is checked: the writer,
 * what the session allows them, and small readers of Yjs internals
 * (`_item`, `_map`, `left`: https://docs.yjs.dev/api/internals) — a
 * transaction only says *which* keys changed, not from what.
 */
import * as Y from 'yjs';
import { permissionsOf, type Permissions } from './phases';
import type { SessionState } from './session';
import { Violation, type Writer } from './violations';

export type Item = NonNullable<Y.AbstractType<unknown>['_item']>;

export interface Ctx {
	tr: Y.Transaction;
	writer: Writer;
	axes: Set<string>;
	session: SessionState | null;
	/** null: no session given, phase rules off (tests of the schema rules alone). */
	perms: Permissions | null;
	target: 'board' | 'private';
	/** Set when the writer's votes grew somewhere: the budget is checked once at the end. */
	votesIncreased: boolean;
}

export function makeCtx(
	tr: Y.Transaction,
	writer: Writer,
	axes: Set<string>,
	session: SessionState | null,
	target: 'board' | 'private'
): Ctx {
	const perms = session ? permissionsOf(writer.role, session) : null;
	return { tr, writer, axes, session, perms, target, votesIncreased: false };
}

/** null when the session lets the writer do `what`, else the reason it does not. */
export function need(ctx: Ctx, what: keyof Permissions): Violation | null {
	if (!ctx.perms || ctx.perms[what]) return null;
	if (ctx.session?.phase === 'closed') return Violation.closed;
	if (ctx.session?.locked) return Violation.locked;
	return Violation.wrongPhase;
}

export function wasAddedBy(tr: Y.Transaction, item: Item): boolean {
	return item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
}

/** The value `key` of `map` had before the transaction (undefined if unset). */
export function previousValue(tr: Y.Transaction, map: Y.Map<unknown>, key: string): unknown {
	for (let item: Item | null = map._map.get(key) ?? null; item; item = item.left) {
		if (wasAddedBy(tr, item)) continue;
		if (item.deleted && !Y.isDeleted(tr.deleteSet, item.id)) return undefined;
		const content = item.content.getContent();
		return content[content.length - 1];
	}
	return undefined;
}

/** Text with string inserts only (no embeds); formatting attributes only where `attributes` is true. */
export function isPlainText(text: Y.Text, attributes = false): boolean {
	return (text.toDelta() as { insert: unknown; attributes?: unknown }[]).every(
		(op) => typeof op.insert === 'string' && (attributes || op.attributes === undefined)
	);
}

/**
 * The types a transaction changed, typed so they compare with `Y.Map<unknown>`
 * roots (yjs declares them `AbstractType<YEvent<any>>`, which TypeScript
 * considers unrelated to `Y.Map<unknown>`).
 */
export function changedTypes(tr: Y.Transaction): [Y.AbstractType<unknown>, Set<string | null>][] {
	return [...tr.changed] as unknown as [Y.AbstractType<unknown>, Set<string | null>][];
}
