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
import { KIT_LIMITS, LIMITS } from '../shared/limits';
import { canWriteContent, hasRole } from '../shared/roles';
import { GROUPS, MAX_ROOM_VOTES, META, MetaKey, NOTES, NoteKey, NOTE_KEYS, isNoteColor, votesCastBy, type Axis, type KitInfo } from './doc';
import { writesPrivately } from './phases';
import type { SessionState } from './session';
import { changedTypes, isPlainText, makeCtx, need, previousValue, wasAddedBy, type Ctx, type Item } from './validate-context';
import { checkGroupFields, checkGroupsRoot, groupOf } from './validate-groups';
import { checkAnswers } from './validate-polls';
import type { Poll } from './polls';
import { Violation, type Writer } from './violations';

export { Violation, type Writer };

export interface CheckContext {
	/** The board's session state; the phase rules (phases.ts) apply when it is given. The server always gives it. */
	session?: SessionState;
	/** The board document (default), or a participant's private document (notes only, written during private writing). */
	target?: 'board' | 'private';
	/** Axis ids notes may use, for documents without `meta` (private documents). */
	axes?: readonly string[];
	/** The board's quick polls (session document): answers go only to open ones. */
	polls?: readonly Poll[];
}

const MUTABLE_NOTE_KEYS = new Set<string>([NoteKey.axisId, NoteKey.color, NoteKey.groupId, NoteKey.rank, NoteKey.roomVotes]);
/** Fields only facilitators and organisers may write. */
const MODERATOR_KEYS = new Set<string>([NoteKey.hidden, NoteKey.room, NoteKey.roomVotes]);
const MAX_VOTES_ON_ONE_NOTE = 100;
/** Which permission (phases.ts) changing each note field needs. */
const FIELD_PERMISSION = {
	[NoteKey.axisId]: 'editNote',
	[NoteKey.color]: 'editNote',
	[NoteKey.groupId]: 'group',
	[NoteKey.rank]: 'group',
	[NoteKey.hidden]: 'moderate',
	// Hands raised are recorded when votes are open (facilitators: every phase but Closed).
	[NoteKey.roomVotes]: 'vote'
} as const;

/** Returns the first rule the transaction breaks, or null when it is allowed. */
export function checkTransaction(tr: Y.Transaction, writer: Writer, context: CheckContext = {}): Violation | null {
	const doc = tr.doc;
	if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return Violation.incomplete;
	if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return null;
	if (!canWriteContent(writer.role)) return Violation.readOnly;
	const target = context.target ?? 'board';
	const session = context.session ?? null;
	if (target === 'private' && !(session && writesPrivately(writer.role, session))) return Violation.privateWritingOff;
	const notes = doc.getMap(NOTES);
	const meta = doc.getMap(META);
	const groups = doc.getMap(GROUPS);
	const axes = new Set(context.axes ?? axesOf(meta).map((a) => a.id));
	const ctx = makeCtx(tr, writer, axes, session, target);
	const polls = new Map((context.polls ?? []).map((p) => [p.id, p]));
	for (const [type, keys] of changedTypes(tr)) {
		// Poll answers (validate-polls.ts); undefined when the type is not theirs.
		const answers = checkAnswers(ctx, polls, type, keys);
		const violation =
			answers !== undefined
				? answers
				: type === notes
				? checkNotesRoot(ctx, notes, keys)
				: type === meta
					? ctx.target === 'board' ? checkMeta(meta, writer) : Violation.unknownType
					: type === groups
						? ctx.target === 'board' ? checkGroupsRoot(ctx, groups, keys) : Violation.unknownType
						: checkNested(ctx, type, { notes, groups }, keys);
		if (violation) return violation;
	}
	if (ctx.votesIncreased && session && writer.participantId) {
		if (votesCastBy(doc, writer.participantId) > session.voteBudget) return Violation.voteBudget;
	}
	return null;
}

function axesOf(meta: Y.Map<unknown>): Axis[] {
	const axes = meta.get(MetaKey.axes);
	return Array.isArray(axes) ? axes : [];
}

function checkMeta(meta: Y.Map<unknown>, writer: Writer): Violation | null {
	if (!hasRole(writer.role, 'organiser')) return Violation.metaForbidden;
	for (const key of meta.keys()) if (key !== MetaKey.title && key !== MetaKey.axes && key !== MetaKey.kit) return Violation.badMeta;
	if (meta.has(MetaKey.kit) && !isKitInfo(meta.get(MetaKey.kit))) return Violation.badMeta;
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
		typeof a.description === 'string' && a.description.length <= LIMITS.axisDescriptionLength &&
		(a.prompt === undefined || (typeof a.prompt === 'string' && a.prompt.length <= KIT_LIMITS.promptLength))
	);
}

function isKitInfo(value: unknown): value is KitInfo {
	const k = value as KitInfo;
	return (
		typeof k === 'object' && k !== null &&
		typeof k.language === 'string' && k.language.length <= 20 &&
		typeof k.licence === 'string' && k.licence.length <= 60 &&
		(k.description === undefined || (typeof k.description === 'string' && k.description.length <= KIT_LIMITS.kitDescriptionLength)) &&
		(k.privateWriting === undefined || typeof k.privateWriting === 'boolean')
	);
}

function checkNotesRoot(ctx: Ctx, notes: Y.Map<unknown>, keys: Set<string | null>): Violation | null {
	let added = false;
	for (const key of keys) {
		if (key === null) return Violation.badNote;
		const item = notes._map.get(key) ?? null;
		// Every item of this key deleted by this transaction is a note removed (or replaced).
		for (let old = item; old; old = old.left) {
			if (old.deleted && Y.isDeleted(ctx.tr.deleteSet, old.id) && !wasAddedBy(ctx.tr, old)) {
				const bad = checkDelete(ctx, old);
				if (bad) return bad;
			}
		}
		if (item && !item.deleted) {
			const violation = checkNewNote(ctx, key, notes.get(key));
			if (violation) return violation;
			added = true;
		}
	}
	if (added && notes.size > LIMITS.notesPerBoard) return Violation.tooManyNotes;
	return null;
}

function checkDelete(ctx: Ctx, noteItem: Item): Violation | null {
	if (hasRole(ctx.writer.role, 'facilitator')) return need(ctx, 'moderate');
	const content = noteItem.content as unknown as { type?: Y.Map<unknown> };
	const authorItem = content.type?._map.get(NoteKey.authorId);
	const author = authorItem?.content.getContent()[0];
	if (author !== ctx.writer.participantId) return Violation.notYourNote;
	return need(ctx, 'editNote');
}

function checkNewNote(ctx: Ctx, key: string, value: unknown): Violation | null {
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
	if (value.get(NoteKey.authorId) !== ctx.writer.participantId) return Violation.notYourNote;
	const phase = need(ctx, 'addNote');
	if (phase) return phase;
	if (ctx.target === 'board' && ctx.session && writesPrivately(ctx.writer.role, ctx.session)) return Violation.privateWriting;
	if (!ctx.axes.has(value.get(NoteKey.axisId) as string)) return Violation.unknownAxis;
	if (text.length > LIMITS.noteLengthMax || !isPlainText(text)) return Violation.noteTooLong;
	for (const [voter, count] of votes.entries()) {
		const v = checkVote(ctx, voter, undefined, count);
		if (v) return v;
	}
	if (value.has(NoteKey.groupId) || value.has(NoteKey.rank)) {
		const grouping = need(ctx, 'group');
		if (grouping) return grouping;
	}
	return checkOptionalFields(value, ctx.writer, true);
}

function checkOptionalFields(note: Y.Map<unknown>, writer: Writer, isNew: boolean): Violation | null {
	const groupId = note.get(NoteKey.groupId);
	const rank = note.get(NoteKey.rank);
	const hidden = note.get(NoteKey.hidden);
	const room = note.get(NoteKey.room);
	const roomVotes = note.get(NoteKey.roomVotes);
	if (groupId !== undefined && (typeof groupId !== 'string' || groupId.length > 64)) return Violation.badNote;
	if (rank !== undefined && (typeof rank !== 'number' || !Number.isFinite(rank))) return Violation.badNote;
	if (hidden !== undefined && typeof hidden !== 'boolean') return Violation.badNote;
	if (room !== undefined && room !== true) return Violation.badNote;
	if (roomVotes !== undefined && !isRoomVotes(roomVotes)) return Violation.badVote;
	// On a new note, every facilitator-only field needs the role; on an existing one, changed keys were checked already.
	const moderated = isNew ? [hidden, room, roomVotes].some((v) => v !== undefined) : hidden !== undefined;
	if (moderated && !hasRole(writer.role, 'facilitator')) return Violation.immutableField;
	return null;
}

function isRoomVotes(value: unknown): boolean {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_ROOM_VOTES;
}

/** One voter's entry on one note went from `before` to `count`. */
function checkVote(ctx: Ctx, voter: string, before: unknown, count: unknown): Violation | null {
	if (voter !== ctx.writer.participantId) return Violation.notYourVote;
	const phase = need(ctx, 'vote');
	if (phase) return phase;
	if (count === undefined) return null;
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_VOTES_ON_ONE_NOTE) {
		return Violation.badVote;
	}
	// Only growth is limited: withdrawing votes stays possible after the facilitator lowers a budget.
	if (count > (typeof before === 'number' ? before : 0)) {
		ctx.votesIncreased = true;
		if (ctx.session && count > ctx.session.maxVotesPerNote) return Violation.votesPerNote;
	}
	return null;
}

/** Changes below the notes map: a note's fields, its text, its votes. */
function checkNested(
	ctx: Ctx,
	type: Y.AbstractType<unknown>,
	{ notes, groups }: { notes: Y.Map<unknown>; groups: Y.Map<unknown> },
	keys: Set<string | null>
): Violation | null {
	const group = groupOf(type, groups);
	if (group) return ctx.target === 'board' ? checkGroupFields(ctx, group, keys) : Violation.unknownType;
	const noteMap = noteAncestor(type, notes);
	if (!noteMap) return Violation.unknownType;
	// Changes inside a note this transaction deleted are part of that deletion.
	if (noteMap._item?.deleted) return null;
	if (type === noteMap) return checkNoteFields(ctx, noteMap, keys);
	if (type._item?.parent !== noteMap) return Violation.unknownType;
	const field = type._item.parentSub;
	if (field === NoteKey.text && type instanceof Y.Text) {
		if (keys.has(null) === false || keys.size !== 1) return Violation.badNote;
		const phase = need(ctx, 'editNote');
		if (phase) return phase;
		return type.length > LIMITS.noteLengthMax || !isPlainText(type) ? Violation.noteTooLong : null;
	}
	if (field === NoteKey.votes && type instanceof Y.Map) {
		for (const voter of keys) {
			if (voter === null) return Violation.badVote;
			const v = checkVote(ctx, voter, previousValue(ctx.tr, type, voter), type.get(voter));
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

function checkNoteFields(ctx: Ctx, note: Y.Map<unknown>, keys: Set<string | null>): Violation | null {
	for (const key of keys) {
		if (key !== null && MODERATOR_KEYS.has(key) && !hasRole(ctx.writer.role, 'facilitator')) return Violation.immutableField;
		// `room` says who a note speaks for: set when it is written, never changed afterwards.
		if (key !== NoteKey.hidden && (key === null || !MUTABLE_NOTE_KEYS.has(key))) return Violation.immutableField;
		const phase = need(ctx, FIELD_PERMISSION[key as keyof typeof FIELD_PERMISSION]);
		if (phase) return phase;
	}
	if (keys.has(NoteKey.axisId) && !ctx.axes.has(note.get(NoteKey.axisId) as string)) return Violation.unknownAxis;
	if (keys.has(NoteKey.color) && !isNoteColor(note.get(NoteKey.color))) return Violation.badNote;
	return checkOptionalFields(note, ctx.writer, false);
}
