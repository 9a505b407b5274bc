/**
 * The board's write rules, in one place (DESIGN.md: the server enforces roles
 * and identity). The server applies each incoming update inside a transaction
 * and calls `checkTransaction` on it (the doc's roots must exist first:
 * `ensureRoots`); a violation means the update is not
 * stored, not broadcast, and the room is rolled back to what was stored.
 *
 * It reads Yjs internals (`_item`, `_map`) because a transaction only exposes
 * *which* keys changed; the Yjs docs describe both fields:
 * https://docs.yjs.dev/api/internals
 */
import * as Y from 'yjs';
import { LIMITS } from '../shared/limits';
import { canWriteContent, hasRole, type Role } from '../shared/roles';
import { META, MetaKey, NOTES, NoteKey, NOTE_KEYS, isNoteColor, type Axis } from './doc';

export const Violation = {
	readOnly: 'read_only',
	unknownType: 'unknown_type',
	metaForbidden: 'meta_forbidden',
	badMeta: 'bad_meta',
	badNote: 'bad_note',
	unknownAxis: 'unknown_axis',
	notYourNote: 'not_your_note',
	immutableField: 'immutable_field',
	noteTooLong: 'note_too_long',
	tooManyNotes: 'too_many_notes',
	notYourVote: 'not_your_vote',
	badVote: 'bad_vote',
	incomplete: 'incomplete_update'
} as const;
export type Violation = (typeof Violation)[keyof typeof Violation];

export interface Writer {
	role: Role;
	/** Derived from the connection's key; null only for projectors. */
	participantId: string | null;
}

type Item = NonNullable<Y.AbstractType<unknown>['_item']>;
const MUTABLE_NOTE_KEYS = new Set<string>([NoteKey.axisId, NoteKey.color, NoteKey.groupId, NoteKey.rank]);
const MAX_VOTES_ON_ONE_NOTE = 100;

/** Returns the first rule the transaction breaks, or null when it is allowed. */
export function checkTransaction(tr: Y.Transaction, writer: Writer): Violation | null {
	const doc = tr.doc;
	if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return Violation.incomplete;
	if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return null;
	if (!canWriteContent(writer.role)) return Violation.readOnly;
	const notes = doc.getMap(NOTES);
	const meta = doc.getMap(META);
	const axes = new Set(axesOf(meta).map((a) => a.id));
	for (const [type, keys] of tr.changed) {
		const violation =
			type === notes
				? checkNotesRoot(tr, notes, keys, writer, axes)
				: type === meta
					? checkMeta(meta, writer)
					: checkNested(type, notes, keys, writer, axes);
		if (violation) return violation;
	}
	return null;
}

function axesOf(meta: Y.Map<unknown>): Axis[] {
	const axes = meta.get(MetaKey.axes);
	return Array.isArray(axes) ? axes : [];
}

function checkMeta(meta: Y.Map<unknown>, writer: Writer): Violation | null {
	if (!hasRole(writer.role, 'organiser')) return Violation.metaForbidden;
	for (const key of meta.keys()) if (key !== MetaKey.title && key !== MetaKey.axes) return Violation.badMeta;
	const title = meta.get(MetaKey.title);
	if (typeof title !== 'string' || title.length > LIMITS.titleLength) return Violation.badMeta;
	const axes = meta.get(MetaKey.axes);
	if (!Array.isArray(axes) || axes.length > LIMITS.axesPerBoard) return Violation.badMeta;
	const ids = new Set<string>();
	for (const axis of axes) {
		if (!isAxis(axis) || ids.has(axis.id)) return Violation.badMeta;
		ids.add(axis.id);
	}
	return null;
}

export function isAxis(value: unknown): value is Axis {
	const a = value as Axis;
	return (
		typeof a === 'object' && a !== null &&
		typeof a.id === 'string' && /^[a-z0-9-]{1,40}$/.test(a.id) &&
		typeof a.title === 'string' && a.title.length > 0 && a.title.length <= LIMITS.titleLength &&
		typeof a.description === 'string' && a.description.length <= LIMITS.axisDescriptionLength
	);
}

function checkNotesRoot(
	tr: Y.Transaction,
	notes: Y.Map<unknown>,
	keys: Set<string | null>,
	writer: Writer,
	axes: Set<string>
): Violation | null {
	let added = false;
	for (const key of keys) {
		if (key === null) return Violation.badNote;
		const item = notes._map.get(key);
		// Every item of this key deleted by this transaction is a note removed (or replaced).
		for (let old = item; old; old = old.left) {
			if (old.deleted && Y.isDeleted(tr.deleteSet, old.id) && !wasAddedBy(tr, old)) {
				if (!mayDelete(old, writer)) return Violation.notYourNote;
			}
		}
		if (item && !item.deleted) {
			const violation = checkNewNote(key, notes.get(key), writer, axes);
			if (violation) return violation;
			added = true;
		}
	}
	if (added && notes.size > LIMITS.notesPerBoard) return Violation.tooManyNotes;
	return null;
}

function wasAddedBy(tr: Y.Transaction, item: Item): boolean {
	return item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
}

function mayDelete(noteItem: Item, writer: Writer): boolean {
	if (hasRole(writer.role, 'facilitator')) return true;
	const content = noteItem.content as unknown as { type?: Y.Map<unknown> };
	const authorItem = content.type?._map.get(NoteKey.authorId);
	const author = authorItem?.content.getContent()[0];
	return author === writer.participantId;
}

function checkNewNote(key: string, value: unknown, writer: Writer, axes: Set<string>): Violation | null {
	if (!(value instanceof Y.Map)) return Violation.badNote;
	for (const k of value.keys()) if (!NOTE_KEYS.includes(k)) return Violation.badNote;
	const text = value.get(NoteKey.text);
	const votes = value.get(NoteKey.votes);
	const createdAt = value.get(NoteKey.createdAt);
	if (
		value.get(NoteKey.id) !== key ||
		!(text instanceof Y.Text) ||
		!(votes instanceof Y.Map) ||
		!isNoteColor(value.get(NoteKey.color)) ||
		typeof createdAt !== 'number' || !Number.isFinite(createdAt)
	) {
		return Violation.badNote;
	}
	if (value.get(NoteKey.authorId) !== writer.participantId) return Violation.notYourNote;
	if (!axes.has(value.get(NoteKey.axisId) as string)) return Violation.unknownAxis;
	if (text.length > LIMITS.noteLengthMax || !isPlainText(text)) return Violation.noteTooLong;
	for (const [voter, count] of votes.entries()) {
		const v = checkVote(voter, count, writer);
		if (v) return v;
	}
	return checkOptionalFields(value, writer);
}

function checkOptionalFields(note: Y.Map<unknown>, writer: Writer): Violation | null {
	const groupId = note.get(NoteKey.groupId);
	const rank = note.get(NoteKey.rank);
	const hidden = note.get(NoteKey.hidden);
	if (groupId !== undefined && (typeof groupId !== 'string' || groupId.length > 64)) return Violation.badNote;
	if (rank !== undefined && (typeof rank !== 'number' || !Number.isFinite(rank))) return Violation.badNote;
	if (hidden !== undefined && typeof hidden !== 'boolean') return Violation.badNote;
	if (hidden !== undefined && !hasRole(writer.role, 'facilitator')) return Violation.immutableField;
	return null;
}

function isPlainText(text: Y.Text): boolean {
	return (text.toDelta() as { insert: unknown; attributes?: unknown }[]).every(
		(op) => typeof op.insert === 'string' && op.attributes === undefined
	);
}

function checkVote(voter: string, count: unknown, writer: Writer): Violation | null {
	if (voter !== writer.participantId) return Violation.notYourVote;
	if (count === undefined) return null;
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_VOTES_ON_ONE_NOTE) {
		return Violation.badVote;
	}
	return null;
}

/** Changes below the notes map: a note's fields, its text, its votes. */
function checkNested(
	type: Y.AbstractType<unknown>,
	notes: Y.Map<unknown>,
	keys: Set<string | null>,
	writer: Writer,
	axes: Set<string>
): Violation | null {
	const noteMap = noteAncestor(type, notes);
	if (!noteMap) return Violation.unknownType;
	// Changes inside a note this transaction deleted are part of that deletion.
	if (noteMap._item?.deleted) return null;
	if (type === noteMap) return checkNoteFields(noteMap, keys, writer, axes);
	if (type._item?.parent !== noteMap) return Violation.unknownType;
	const field = type._item.parentSub;
	if (field === NoteKey.text && type instanceof Y.Text) {
		if (keys.has(null) === false || keys.size !== 1) return Violation.badNote;
		return type.length > LIMITS.noteLengthMax || !isPlainText(type) ? Violation.noteTooLong : null;
	}
	if (field === NoteKey.votes && type instanceof Y.Map) {
		for (const voter of keys) {
			if (voter === null) return Violation.badVote;
			const v = checkVote(voter, type.get(voter), writer);
			if (v) return v;
		}
		return null;
	}
	return Violation.unknownType;
}

function noteAncestor(type: Y.AbstractType<unknown>, notes: Y.Map<unknown>): Y.Map<unknown> | null {
	let current: Y.AbstractType<unknown> = type;
	while (current._item) {
		const parent = current._item.parent as Y.AbstractType<unknown>;
		if (parent === notes) return current instanceof Y.Map ? current : null;
		current = parent;
	}
	return null;
}

function checkNoteFields(
	note: Y.Map<unknown>,
	keys: Set<string | null>,
	writer: Writer,
	axes: Set<string>
): Violation | null {
	for (const key of keys) {
		if (key === NoteKey.hidden) {
			if (!hasRole(writer.role, 'facilitator')) return Violation.immutableField;
			continue;
		}
		if (key === null || !MUTABLE_NOTE_KEYS.has(key)) return Violation.immutableField;
	}
	if (keys.has(NoteKey.axisId) && !axes.has(note.get(NoteKey.axisId) as string)) return Violation.unknownAxis;
	if (keys.has(NoteKey.color) && !isNoteColor(note.get(NoteKey.color))) return Violation.badNote;
	return checkOptionalFields(note, writer);
}
