/**
 * Finds the moderation actions in a facilitator's transaction on the board
 * document: notes deleted (kept whole, for the bin) and notes hidden or shown.
 * Runs in `afterTransaction`, before Yjs garbage-collects deleted content,
 * and reads the deleted items directly (a deleted Y.Map answers `get` with
 * undefined): https://docs.yjs.dev/api/internals
 */
import * as Y from 'yjs';
import { hasRole } from '../../src/lib/shared/roles';
import { isNoteColor, notesOf, NOTES, NoteKey, readNote, type Note, type NoteMap } from '../../src/lib/board/doc';
import type { Writer } from '../../src/lib/board/validate';
import { changedTypes } from '../../src/lib/board/validate-context';
import type { ModerationEvent } from '../db/moderation';
import type { Room } from './room';

type Item = NonNullable<Y.AbstractType<unknown>['_item']>;

export function moderationEvents(tr: Y.Transaction, writer: Writer): ModerationEvent[] {
	if (!hasRole(writer.role, 'facilitator')) return [];
	const notes = tr.doc.getMap(NOTES);
	const events: ModerationEvent[] = [];
	for (const [type, keys] of changedTypes(tr)) {
		if (type === notes) {
			for (const key of keys) {
				const note = key === null ? null : deletedNote(tr, notes, key);
				if (note) events.push({ action: 'delete', noteId: note.id, note });
			}
		} else if (type instanceof Y.Map && type._item?.parent === notes && keys.has(NoteKey.hidden)) {
			const noteId = String(type._item.parentSub);
			events.push({ action: type.get(NoteKey.hidden) === true ? 'hide' : 'unhide', noteId });
		}
	}
	return events;
}

/** The note this transaction removed under `key` (as it was), or null. */
function deletedNote(tr: Y.Transaction, notes: Y.Map<unknown>, key: string): Note | null {
	for (let item: Item | null = notes._map.get(key) ?? null; item; item = item.left) {
		const existedBefore = item.id.clock < (tr.beforeState.get(item.id.client) ?? 0);
		if (!existedBefore || !item.deleted || !Y.isDeleted(tr.deleteSet, item.id)) continue;
		const type = (item.content as unknown as { type?: unknown }).type;
		return type instanceof Y.Map ? snapshotDeleted(tr, type) : null;
	}
	return null;
}

/** The value an item held, if it was alive before this transaction. */
function liveBefore(tr: Y.Transaction, item: Item | null | undefined): unknown {
	if (!item || (item.deleted && !Y.isDeleted(tr.deleteSet, item.id))) return undefined;
	const content = item.content.getContent();
	return content[content.length - 1];
}

function snapshotDeleted(tr: Y.Transaction, map: Y.Map<unknown>): Note {
	const field = (key: string) => liveBefore(tr, map._map.get(key));
	const text = field(NoteKey.text);
	const votes = field(NoteKey.votes);
	const color = field(NoteKey.color);
	const note: Note = {
		id: String(field(NoteKey.id) ?? ''),
		axisId: String(field(NoteKey.axisId) ?? ''),
		text: text instanceof Y.Text ? textBefore(tr, text) : '',
		authorId: String(field(NoteKey.authorId) ?? ''),
		color: isNoteColor(color) ? color : 'yellow',
		createdAt: Number(field(NoteKey.createdAt) ?? 0),
		votes: votes instanceof Y.Map ? votesBefore(tr, votes) : {}
	};
	const groupId = field(NoteKey.groupId);
	if (typeof groupId === 'string') note.groupId = groupId;
	const rank = field(NoteKey.rank);
	if (typeof rank === 'number') note.rank = rank;
	return note;
}

function textBefore(tr: Y.Transaction, text: Y.Text): string {
	let out = '';
	for (let item = text._start; item; item = item.right) {
		if (!item.countable || (item.deleted && !Y.isDeleted(tr.deleteSet, item.id))) continue;
		for (const c of item.content.getContent()) if (typeof c === 'string') out += c;
	}
	return out;
}

function votesBefore(tr: Y.Transaction, votes: Y.Map<unknown>): Record<string, number> {
	const out: Record<string, number> = {};
	for (const [voter, item] of votes._map) {
		const n = liveBefore(tr, item);
		if (typeof n === 'number') out[voter] = n;
	}
	return out;
}

/**
 * Withholding (issue 14): a hidden note leaves the board document. The
 * facilitator's `hidden: true` is accepted as the stock client sends it; then
 * the note as it is (text and fields) goes to the moderation log, the server
 * deletes it from the board (stored, then broadcast: every open client drops
 * it) and compacts. The server's documents collect deleted content (`gc` is
 * on), so neither the answer a new client gets nor the stored snapshot holds
 * the text; compacting also drops the stored updates that carried it.
 * Returns the events with the hidden notes attached, to be logged first.
 */
export function withheldNotes(doc: Y.Doc, events: ModerationEvent[]): ModerationEvent[] {
	const notes = doc.getMap(NOTES);
	return events.map((event) => {
		const map = event.action === 'hide' ? notes.get(event.noteId) : undefined;
		return map instanceof Y.Map && map.get(NoteKey.hidden) === true ? { ...event, note: readNote(map as NoteMap) } : event;
	});
}

/** Hidden notes still on a board (stored before withholding existed, or created hidden): withheld on load. */
export function hiddenOnBoard(doc: Y.Doc): ModerationEvent[] {
	// Runs as every board loads: only the hidden notes are read whole (reading all 10,000 delayed the first client).
	const events: ModerationEvent[] = [];
	notesOf(doc).forEach((map, noteId) => {
		if (map instanceof Y.Map && map.get(NoteKey.hidden) === true) events.push({ action: 'hide', noteId, note: readNote(map as NoteMap) });
	});
	return events;
}

/** Takes logged hidden notes off the board, then folds the history that carried them into the snapshot. */
export async function withhold(room: Room, events: ModerationEvent[]): Promise<void> {
	const ids = events.filter((e) => e.action === 'hide' && e.note).map((e) => e.noteId);
	if (ids.length === 0) return;
	await room.serverWrite((doc) => {
		for (const id of ids) notesOf(doc).delete(id);
	});
	await room.compact();
}
