/**
 * The board as Svelte sees it: a runes wrapper over doc.ts (svelte.dev's
 * state-module pattern). Getters read plain snapshots and re-run when the Yjs
 * document changes; writers are doc.ts transactions. Components use this
 * class and never touch Y.* themselves.
 */
import { createSubscriber } from 'svelte/reactivity';
import * as Y from 'yjs';
import {
	addGroup,
	groupsOf,
	metaOf,
	notesOf,
	addNote,
	deleteGroup,
	hideNote,
	moveGroup,
	renameGroup,
	setNoteGroup,
	putInGroup,
	groupWith,
	totalVotes,
	allVotes,
	setRoomVotes,
	vote,
	deleteNote,
	ensureRoots,
	moveNote,
	readGroups,
	readMeta,
	setAxes,
	setNoteColor,
	setTitle,
	type Axis,
	type BoardMeta,
	type Group,
	type Note,
	type NoteColor
} from './doc';
import { NoteCache, readWhenChanged } from './doc-cache';
import { LIMITS } from '$lib/shared/limits';
import { bindText, TEXT_ORIGIN, type TextBinding } from './text-binding';
import { oncePerFrame } from './frames';

export class Board {
	readonly doc: Y.Doc;
	/** This browser's pseudonymous id (null for the projector, which has no key, and until known). */
	participantId = $state<string | null>(null);

	#subscribe = createSubscriber((update) => {
		// One observer for the whole document: any change re-runs the getters' readers. This
		// browser's own changes at once; other people's at most once a frame (a plenary's
		// hall sends hundreds a second, and each would re-run every list over 10,000 notes).
		const changed = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => (tr.local ? update() : frames.request());
		const frames = oncePerFrame(update);
		this.doc.on('update', changed);
		return () => {
			this.doc.off('update', changed);
			frames.cancel();
		};
	});
	/** The last `notes` array the per-axis lists were cut from, and those lists. */
	#byAxis: { from: Note[]; lists: Map<string, Note[]> } | null = null;

	/** Undo/redo of this person's own edits only (other people's changes are never undone). */
	#undo: Y.UndoManager;
	#notes: NoteCache;
	#meta: () => BoardMeta;
	#groups: () => Group[];
	#undoState = $state({ canUndo: false, canRedo: false });
	#votesCast: { notes: Note[]; by: string; sum: number } | null = null;

	constructor(doc = new Y.Doc()) {
		this.doc = doc;
		ensureRoots(doc);
		this.#notes = new NoteCache(doc);
		this.#meta = readWhenChanged(metaOf(doc), () => readMeta(doc));
		this.#groups = readWhenChanged(groupsOf(doc), () => readGroups(doc));
		this.#undo = new Y.UndoManager([notesOf(doc), groupsOf(doc)], {
			trackedOrigins: new Set([null, TEXT_ORIGIN]),
			captureTimeout: 600
		});
		const refresh = () => (this.#undoState = { canUndo: this.#undo.canUndo(), canRedo: this.#undo.canRedo() });
		this.#undo.on('stack-item-added', refresh);
		this.#undo.on('stack-item-popped', refresh);
		this.#undo.on('stack-cleared', refresh);
	}

	get canUndo(): boolean {
		return this.#undoState.canUndo;
	}

	get canRedo(): boolean {
		return this.#undoState.canRedo;
	}

	undo(): void {
		this.#undo.undo();
	}

	redo(): void {
		this.#undo.redo();
	}

	clearUndo(): void {
		this.#undo.clear();
	}

	get notes(): Note[] {
		this.#subscribe();
		return this.#notes.notes();
	}

	get meta(): BoardMeta {
		this.#subscribe();
		return this.#meta();
	}

	get groups(): Group[] {
		this.#subscribe();
		return this.#groups();
	}

	/** True once the document holds the board (its meta came from the server). */
	get loaded(): boolean {
		return this.meta.axes.length > 0;
	}

	/** An axis' notes, oldest first (`notes` is in that order already). Cut once per version of the board: do not mutate. */
	notesOf(axisId: string): Note[] {
		const notes = this.notes;
		if (this.#byAxis?.from !== notes) this.#byAxis = { from: notes, lists: new Map() };
		let list = this.#byAxis.lists.get(axisId);
		if (!list) this.#byAxis.lists.set(axisId, (list = notes.filter((note) => note.axisId === axisId)));
		return list;
	}

	groupsOf(axisId: string): Group[] {
		return this.groups.filter((group) => group.axisId === axisId);
	}

	totalVotes(note: Note): number {
		return totalVotes(note);
	}

	/** Online votes plus hands raised in the room: what results are ranked by. */
	allVotes(note: Note): number {
		return allVotes(note);
	}

	/** Hands raised in the room for a note (facilitators; the server checks). */
	setRoomVotes(noteId: string, count: number): void {
		setRoomVotes(this.doc, noteId, count);
	}

	myVotes(note: Note): number {
		return this.participantId ? (note.votes[this.participantId] ?? 0) : 0;
	}

	/** Votes this person has cast on the whole board. */
	get votesCast(): number {
		const notes = this.notes;
		if (!this.participantId) return 0;
		// Summed from the cached notes once per version of them, not from the document on every
		// read (a 10,000-note board re-reads it at each remote keystroke otherwise).
		if (this.#votesCast?.notes !== notes || this.#votesCast.by !== this.participantId) {
			const by = this.participantId;
			this.#votesCast = { notes, by, sum: notes.reduce((sum, note) => sum + (note.votes[by] ?? 0), 0) };
		}
		return this.#votesCast.sum;
	}

	vote(noteId: string, delta: 1 | -1): void {
		if (this.participantId) vote(this.doc, noteId, this.participantId, delta);
	}

	hide(noteId: string, hidden: boolean): void {
		hideNote(this.doc, noteId, hidden);
	}

	addGroup(axisId: string, title: string): string {
		return addGroup(this.doc, { axisId, title });
	}

	renameGroup(groupId: string, title: string): void {
		renameGroup(this.doc, groupId, title);
	}

	setGroup(noteId: string, groupId: string | null): void {
		setNoteGroup(this.doc, noteId, groupId);
	}

	/** Puts a note into a group, in the group's axis. */
	putInGroup(noteId: string, groupId: string): void {
		putInGroup(this.doc, noteId, groupId);
	}

	/** A note dropped on another: it joins that note's group, or both start a new group titled `title`. */
	groupWith(noteId: string, targetId: string, title: string): void {
		groupWith(this.doc, noteId, targetId, title);
	}

	moveGroup(groupId: string, axisId: string): void {
		moveGroup(this.doc, groupId, axisId);
	}

	deleteGroup(groupId: string): void {
		deleteGroup(this.doc, groupId);
	}

	isMine(note: Note): boolean {
		return this.participantId !== null && note.authorId === this.participantId;
	}

	/** The board holds LIMITS.notesPerBoard notes: the server refuses another one. */
	get full(): boolean {
		return this.notes.length >= LIMITS.notesPerBoard;
	}

	/** `room`: written on behalf of the people in the room without a device (facilitators only). */
	addNote(axisId: string, color?: NoteColor, room = false): string | null {
		if (!this.participantId) return null;
		return addNote(this.doc, { axisId, authorId: this.participantId, color, room });
	}

	setColor(noteId: string, color: NoteColor): void {
		setNoteColor(this.doc, noteId, color);
	}

	move(noteId: string, axisId: string): void {
		moveNote(this.doc, noteId, axisId);
	}

	delete(noteId: string): void {
		deleteNote(this.doc, noteId);
	}

	setTitle(title: string): void {
		setTitle(this.doc, title);
	}

	setAxes(axes: Axis[]): void {
		setAxes(this.doc, axes);
	}

	/** Binds a textarea to the note's shared text (see text-binding.ts). */
	bindText(noteId: string, field: HTMLTextAreaElement): TextBinding | null {
		return bindText(this.doc, noteId, field);
	}
}
