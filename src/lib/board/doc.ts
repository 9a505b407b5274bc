/**
 * THE owner of the board's Yjs schema (DESIGN.md, "Board document", contract).
 * Pure TypeScript, used by the browser and by the server (relative import).
 * Components never touch Y.*: they read plain snapshots and call the writers
 * below, each of which is one transaction.
 */
import * as Y from 'yjs';

export const NOTES = 'notes';
export const META = 'meta';
/** Named groups of notes inside an axis: `Y.Map<groupId, Y.Map{ id, axisId, title }>`. */
export const GROUPS = 'groups';

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
	hidden: 'hidden'
} as const;
export const NOTE_KEYS: readonly string[] = Object.values(NoteKey);

/** Keys of the meta map. */
export const MetaKey = { title: 'title', axes: 'axes' } as const;

/** Note colours; names, so the UI can label them (colour is never the only cue). */
export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'purple'] as const;
export type NoteColor = (typeof NOTE_COLORS)[number];

export interface Axis {
	id: string;
	title: string;
	description: string;
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
}

export interface BoardMeta {
	title: string;
	axes: Axis[];
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
		groups.push({ id, axisId: String(map.get('axisId') ?? ''), title: String(map.get('title') ?? '') });
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
	return {
		title: String(meta.get(MetaKey.title) ?? ''),
		axes: Array.isArray(axes) ? (axes as Axis[]) : []
	};
}

/** Writes a new board's meta; the server calls it once, when the board is created. */
export function initBoard(doc: Y.Doc, meta: BoardMeta): void {
	ensureRoots(doc);
	doc.transact(() => {
		metaOf(doc).set(MetaKey.title, meta.title);
		metaOf(doc).set(MetaKey.axes, meta.axes);
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
