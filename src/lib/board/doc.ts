/**
 * THE owner of the board's Yjs schema (DESIGN.md, "Board document", contract).
 * Pure TypeScript, used by the browser and by the server (relative import).
 * Components never touch Y.*: they read plain snapshots and call the writers
 * below, each of which is one transaction.
 */
import * as Y from 'yjs';
import { SESSION, SYNTHESIS } from './session';
import { AGENDA } from './agenda';
import { ensurePollRoots } from './polls';

/** Roots of the session document (session.ts, agenda.ts), instantiated before updates arrive like the board's. */
const SESSION_ROOTS = [SESSION, SYNTHESIS, AGENDA] as const;

export const NOTES = 'notes';
export const META = 'meta';
/** Named groups of notes inside an axis: `Y.Map<groupId, Y.Map{ id, axisId, title }>`. */
export const GROUPS = 'groups';
/** Keys of a group map. */
export const GroupKey = { id: 'id', axisId: 'axisId', title: 'title' } as const;
export const GROUP_KEYS: readonly string[] = Object.values(GroupKey);

/** Keys of a note map. */
export const NoteKey = {
	id: 'id',
	axisId: 'axisId',
	text: 'text',
	authorId: 'authorId',
	color: 'color',
	createdAt: 'createdAt',
	votes: 'votes',
	groupId: 'groupId',
	rank: 'rank',
	hidden: 'hidden',
	/** True on a note a facilitator wrote for the people in the room without a device; set at creation, never changed. */
	room: 'room',
	/** Hands raised in the room for this note (facilitator-only), counted apart from online votes. */
	roomVotes: 'roomVotes'
} as const;
export const NOTE_KEYS: readonly string[] = Object.values(NoteKey);

/** Keys of the meta map. */
export const MetaKey = {
	title: 'title',
	axes: 'axes',
	/** Where the board's format came from (a kit's language, licence, description); organiser-only, like the rest of meta. */
	kit: 'kit'
} as const;

/** Note colours; names, so the UI can label them (colour is never the only cue). */
export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

export interface Axis {
	id: string;
	title: string;
	description: string;
	/** The question put to participants under this axis (kits, issue 13). */
	prompt?: string;
}

/** What a board keeps of the kit it was made from, so that its own kit says the same. */
export interface KitInfo {
	language: string;
	licence: string;
	description?: string;
	/** The kit asked for private writing: a reveal turns the session's off, the format keeps it. */
	privateWriting?: boolean;
}

export interface Note {
	id: string;
	axisId: string;
	text: string;
	authorId: string;
	color: NoteColor;
	createdAt: number;
	votes: Record<string, number>;
	groupId?: string;
	rank?: number;
	hidden?: boolean;
	room?: boolean;
	roomVotes?: number;
}

/** Hands raised for one note are counted up to this (a large room, not a typo). */
export const MAX_ROOM_VOTES = 500;

export interface BoardMeta {
	title: string;
	axes: Axis[];
	kit?: KitInfo;
}

export interface Group {
	id: string;
	axisId: string;
	title: string;
}

export interface NewNote {
	axisId: string;
	authorId: string;
	color?: NoteColor;
	text?: string;
	id?: string;
	createdAt?: number;
	/** Written for the room (facilitators only). */
	room?: boolean;
}

export type NoteMap = Y.Map<unknown>;

export function notesOf(doc: Y.Doc): Y.Map<NoteMap> {
	return doc.getMap<NoteMap>(NOTES);
}

export function metaOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(META);
}

export function groupsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(GROUPS);
}

/** All groups, by title. */
export function readGroups(doc: Y.Doc): Group[] {
	const groups: Group[] = [];
	groupsOf(doc).forEach((map, id) => {
		if (!(map instanceof Y.Map)) return;
		groups.push({ id, axisId: String(map.get(GroupKey.axisId) ?? ''), title: String(map.get(GroupKey.title) ?? '') });
	});
	return groups.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}

/**
 * Instantiates the root types. A root first created by an incoming update is a
 * generic type until `getMap` is called, and `getMap` then replaces the
 * instance; calling this before applying any update keeps every reference
 * (transactions, observers) on the final Y.Map.
 */
export function ensureRoots(doc: Y.Doc): void {
	notesOf(doc);
	metaOf(doc);
	groupsOf(doc);
	// The server loads every document of a board through this, the session document too.
	for (const root of SESSION_ROOTS) doc.getMap(root);
	ensurePollRoots(doc);
}

export function newNoteId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(9));
	return 'n' + Array.from(bytes, (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 14);
}

export function isNoteColor(value: unknown): value is NoteColor {
	return typeof value === 'string' && (NOTE_COLORS as readonly string[]).includes(value);
}

/** A plain snapshot of one note map. */
export function readNote(map: NoteMap): Note {
	const text = map.get(NoteKey.text);
	const votes = map.get(NoteKey.votes);
	const color = map.get(NoteKey.color);
	const note: Note = {
		id: String(map.get(NoteKey.id) ?? ''),
		axisId: String(map.get(NoteKey.axisId) ?? ''),
		text: text instanceof Y.Text ? text.toString() : '',
		authorId: String(map.get(NoteKey.authorId) ?? ''),
		color: isNoteColor(color) ? color : 'yellow',
		createdAt: Number(map.get(NoteKey.createdAt) ?? 0),
		votes: votes instanceof Y.Map ? (votes.toJSON() as Record<string, number>) : {}
	};
	const groupId = map.get(NoteKey.groupId);
	if (typeof groupId === 'string') note.groupId = groupId;
	const rank = map.get(NoteKey.rank);
	if (typeof rank === 'number') note.rank = rank;
	if (map.get(NoteKey.hidden) === true) note.hidden = true;
	if (map.get(NoteKey.room) === true) note.room = true;
	const roomVotes = map.get(NoteKey.roomVotes);
	if (typeof roomVotes === 'number' && roomVotes > 0) note.roomVotes = roomVotes;
	return note;
}

/** All notes, oldest first (ties broken by id so every client agrees). */
export function readNotes(doc: Y.Doc): Note[] {
	const notes: Note[] = [];
	notesOf(doc).forEach((map) => {
		if (map instanceof Y.Map) notes.push(readNote(map));
	});
	return notes.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function countNotes(doc: Y.Doc): number {
	return notesOf(doc).size;
}

export function readMeta(doc: Y.Doc): BoardMeta {
	const meta = metaOf(doc);
	const axes = meta.get(MetaKey.axes);
	const kit = meta.get(MetaKey.kit);
	return {
		title: String(meta.get(MetaKey.title) ?? ''),
		axes: Array.isArray(axes) ? (axes as Axis[]) : [],
		...(kit && typeof kit === 'object' ? { kit: kit as KitInfo } : {})
	};
}

/** Writes a new board's meta; the server calls it once, when the board is created. */
export function initBoard(doc: Y.Doc, meta: BoardMeta): void {
	ensureRoots(doc);
	doc.transact(() => {
		metaOf(doc).set(MetaKey.title, meta.title);
		metaOf(doc).set(MetaKey.axes, meta.axes);
		if (meta.kit) metaOf(doc).set(MetaKey.kit, meta.kit);
	});
}

export function setTitle(doc: Y.Doc, title: string): void {
	metaOf(doc).set(MetaKey.title, title);
}

export function setAxes(doc: Y.Doc, axes: Axis[]): void {
	metaOf(doc).set(MetaKey.axes, axes);
}

export function addNote(doc: Y.Doc, input: NewNote): string {
	const id = input.id ?? newNoteId();
	const map: NoteMap = new Y.Map();
	doc.transact(() => {
		map.set(NoteKey.id, id);
		map.set(NoteKey.axisId, input.axisId);
		map.set(NoteKey.text, new Y.Text(input.text ?? ''));
		map.set(NoteKey.authorId, input.authorId);
		map.set(NoteKey.color, input.color ?? 'yellow');
		map.set(NoteKey.createdAt, input.createdAt ?? Date.now());
		map.set(NoteKey.votes, new Y.Map<number>());
		if (input.room) map.set(NoteKey.room, true);
		notesOf(doc).set(id, map);
	});
	return id;
}

function noteMap(doc: Y.Doc, id: string): NoteMap | undefined {
	const map = notesOf(doc).get(id);
	return map instanceof Y.Map ? map : undefined;
}

/** The note's shared text, for the editor binding (text-binding.ts); null if gone. */
export function noteText(doc: Y.Doc, id: string): Y.Text | null {
	const text = noteMap(doc, id)?.get(NoteKey.text);
	return text instanceof Y.Text ? text : null;
}

export function setNoteColor(doc: Y.Doc, id: string, color: NoteColor): void {
	noteMap(doc, id)?.set(NoteKey.color, color);
}

export function moveNote(doc: Y.Doc, id: string, axisId: string): void {
	noteMap(doc, id)?.set(NoteKey.axisId, axisId);
}

export function deleteNote(doc: Y.Doc, id: string): void {
	notesOf(doc).delete(id);
}

/** Online votes on a note (the room's raised hands are apart: `allVotes`). */
export function totalVotes(note: Note): number {
	return Object.values(note.votes).reduce((sum, n) => sum + n, 0);
}

/** Online votes plus hands raised in the room: what results are ranked by. */
export function allVotes(note: Note): number {
	return totalVotes(note) + (note.roomVotes ?? 0);
}

/** Records the hands raised in the room for a note (0 removes the count). */
export function setRoomVotes(doc: Y.Doc, id: string, count: number): void {
	const map = noteMap(doc, id);
	if (!map) return;
	const n = Math.max(0, Math.min(MAX_ROOM_VOTES, Math.round(count)));
	if (n === 0) map.delete(NoteKey.roomVotes);
	else map.set(NoteKey.roomVotes, n);
}

/** Votes one participant has cast across the board (what their budget is spent on). */
export function votesCastBy(doc: Y.Doc, participantId: string): number {
	let sum = 0;
	notesOf(doc).forEach((map) => {
		const votes = map instanceof Y.Map ? map.get(NoteKey.votes) : undefined;
		const n = votes instanceof Y.Map ? votes.get(participantId) : undefined;
		if (typeof n === 'number') sum += n;
	});
	return sum;
}

/** Adds `delta` (±1) to the participant's votes on a note; at 0 the entry is removed. Budgets are the caller's (and the server's) business. */
export function vote(doc: Y.Doc, noteId: string, participantId: string, delta: number): void {
	const votes = noteMap(doc, noteId)?.get(NoteKey.votes);
	if (!(votes instanceof Y.Map)) return;
	const current = Number(votes.get(participantId) ?? 0);
	const next = Math.max(0, current + delta);
	if (next === current) return;
	if (next === 0) votes.delete(participantId);
	else votes.set(participantId, next);
}

/** Moderation: a hidden note disappears for participants and from the projector (facilitators only). */
export function hideNote(doc: Y.Doc, id: string, hidden = true): void {
	const map = noteMap(doc, id);
	if (!map) return;
	if (hidden) map.set(NoteKey.hidden, true);
	else map.delete(NoteKey.hidden);
}

/** Puts a note into a group (null: out of any group). */
export function setNoteGroup(doc: Y.Doc, noteId: string, groupId: string | null): void {
	const map = noteMap(doc, noteId);
	if (!map) return;
	if (groupId === null) map.delete(NoteKey.groupId);
	else map.set(NoteKey.groupId, groupId);
}

export function newGroupId(): string {
	return 'g' + newNoteId().slice(1);
}

export function addGroup(doc: Y.Doc, input: { axisId: string; title: string; id?: string }): string {
	const id = input.id ?? newGroupId();
	const map = new Y.Map<unknown>();
	doc.transact(() => {
		map.set(GroupKey.id, id);
		map.set(GroupKey.axisId, input.axisId);
		map.set(GroupKey.title, input.title);
		groupsOf(doc).set(id, map);
	});
	return id;
}

export function renameGroup(doc: Y.Doc, groupId: string, title: string): void {
	groupsOf(doc).get(groupId)?.set(GroupKey.title, title);
}

/** Moves a group to another axis, and its notes with it. */
export function moveGroup(doc: Y.Doc, groupId: string, axisId: string): void {
	const group = groupsOf(doc).get(groupId);
	if (!(group instanceof Y.Map)) return;
	doc.transact(() => {
		group.set(GroupKey.axisId, axisId);
		notesOf(doc).forEach((map) => {
			if (map instanceof Y.Map && map.get(NoteKey.groupId) === groupId) map.set(NoteKey.axisId, axisId);
		});
	});
}

/** Puts a note into a group, moving it to the group's axis. Reads the document itself (not a cached view). */
export function putInGroup(doc: Y.Doc, noteId: string, groupId: string): void {
	const group = groupsOf(doc).get(groupId);
	const note = noteMap(doc, noteId);
	if (!(group instanceof Y.Map) || !note) return;
	const axisId = group.get(GroupKey.axisId);
	doc.transact(() => {
		if (typeof axisId === 'string' && note.get(NoteKey.axisId) !== axisId) note.set(NoteKey.axisId, axisId);
		note.set(NoteKey.groupId, groupId);
	});
}

/** A note dropped on another: it joins that note's group, or both start a new group titled `title`. */
export function groupWith(doc: Y.Doc, noteId: string, targetId: string, title: string): void {
	const target = noteMap(doc, targetId);
	if (!target || noteId === targetId) return;
	doc.transact(() => {
		const current = target.get(NoteKey.groupId);
		const groupId = typeof current === 'string' && groupsOf(doc).has(current) ? current : addGroup(doc, { axisId: String(target.get(NoteKey.axisId)), title });
		target.set(NoteKey.groupId, groupId);
		putInGroup(doc, noteId, groupId);
	});
}

/** Deletes a group; its notes stay, out of any group. */
export function deleteGroup(doc: Y.Doc, groupId: string): void {
	doc.transact(() => {
		notesOf(doc).forEach((map) => {
			if (map instanceof Y.Map && map.get(NoteKey.groupId) === groupId) map.delete(NoteKey.groupId);
		});
		groupsOf(doc).delete(groupId);
	});
}

/** Writes a note back exactly as snapshotted (moderation restore, reveal of private notes). */
export function restoreNote(doc: Y.Doc, note: Note): void {
	const map: NoteMap = new Y.Map();
	doc.transact(() => {
		map.set(NoteKey.id, note.id);
		map.set(NoteKey.axisId, note.axisId);
		map.set(NoteKey.text, new Y.Text(note.text));
		map.set(NoteKey.authorId, note.authorId);
		map.set(NoteKey.color, note.color);
		map.set(NoteKey.createdAt, note.createdAt);
		const votes = new Y.Map<number>();
		for (const [voter, n] of Object.entries(note.votes)) votes.set(voter, n);
		map.set(NoteKey.votes, votes);
		if (note.groupId !== undefined) map.set(NoteKey.groupId, note.groupId);
		if (note.rank !== undefined) map.set(NoteKey.rank, note.rank);
		if (note.room) map.set(NoteKey.room, true);
		if (note.roomVotes) map.set(NoteKey.roomVotes, note.roomVotes);
		notesOf(doc).set(note.id, map);
	});
}
