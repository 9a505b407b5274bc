/**
 * The board as Svelte sees it: a runes wrapper over doc.ts (svelte.dev's
 * state-module pattern). Getters read plain snapshots and re-run when the Yjs
 * document changes; writers are doc.ts transactions. Components use this
 * class and never touch Y.* themselves.
 */
import { createSubscriber } from 'svelte/reactivity';
import * as Y from 'yjs';
import {
	addNote,
	deleteNote,
	ensureRoots,
	moveNote,
	readGroups,
	readMeta,
	readNotes,
	setAxes,
	setNoteColor,
	setTitle,
	type Axis,
	type BoardMeta,
	type Group,
	type Note,
	type NoteColor
} from './doc';
import { bindText, type TextBinding } from './text-binding';

export class Board {
	readonly doc: Y.Doc;
	/** This browser's pseudonymous id (null for the projector, which has no key, and until known). */
	participantId = $state<string | null>(null);

	#subscribe = createSubscriber((update) => {
		// One observer for the whole document: any change re-runs the getters' readers.
		this.doc.on('update', update);
		return () => this.doc.off('update', update);
	});

	constructor(doc = new Y.Doc()) {
		this.doc = doc;
		ensureRoots(doc);
	}

	get notes(): Note[] {
		this.#subscribe();
		return readNotes(this.doc);
	}

	get meta(): BoardMeta {
		this.#subscribe();
		return readMeta(this.doc);
	}

	get groups(): Group[] {
		this.#subscribe();
		return readGroups(this.doc);
	}

	/** True once the document holds the board (its meta came from the server). */
	get loaded(): boolean {
		return this.meta.axes.length > 0;
	}

	notesOf(axisId: string): Note[] {
		return this.notes.filter((note) => note.axisId === axisId).sort((a, b) => a.createdAt - b.createdAt);
	}

	isMine(note: Note): boolean {
		return this.participantId !== null && note.authorId === this.participantId;
	}

	addNote(axisId: string, color?: NoteColor): string | null {
		if (!this.participantId) return null;
		return addNote(this.doc, { axisId, authorId: this.participantId, color });
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
