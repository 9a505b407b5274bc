/**
 * Plain snapshots of a board document, re-read only where it changed.
 * A keystroke in one note then re-reads that note alone, and every other note
 * keeps the same object, so Svelte leaves its card untouched (a 2,000-note
 * board otherwise re-reads and re-renders everything on each remote keystroke).
 */
import * as Y from 'yjs';
import { notesOf, readNote, type Note } from './doc';

export class NoteCache {
	#doc: Y.Doc;
	#byId = new Map<string, Note>();
	#dirty = new Set<string>();
	#all = true;
	#sorted: Note[] | null = null;
	/** The last order built, kept while only existing notes change. */
	#last: Note[] | null = null;
	#reorder = false;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		notesOf(doc).observeDeep((events) => {
			this.#sorted = null;
			for (const event of events) {
				if (event instanceof Y.YMapEvent && event.target === notesOf(doc)) {
					// Notes added or removed: the order must be built again.
					this.#reorder = true;
					for (const key of event.keysChanged) this.#dirty.add(key);
				}
				else if (typeof event.path[0] === 'string') this.#dirty.add(event.path[0]);
				else this.#all = true;
			}
		});
	}

	/** Every note, oldest first (the order of readNotes in doc.ts). */
	notes(): Note[] {
		if (this.#sorted) return this.#sorted;
		// Only existing notes changed (a keystroke, a vote): same order, those notes re-read.
		// No walk of the Y.Map and no sort, which on a 10,000-note board cost more than the edit.
		if (!this.#all && !this.#reorder && this.#last) {
			const notes = notesOf(this.#doc);
			this.#sorted = this.#last.map((note) => {
				if (!this.#dirty.has(note.id)) return note;
				const map = notes.get(note.id);
				const fresh = map instanceof Y.Map ? readNote(map) : note;
				this.#byId.set(note.id, fresh);
				return fresh;
			});
			this.#dirty.clear();
			this.#last = this.#sorted;
			return this.#sorted;
		}
		const next = new Map<string, Note>();
		notesOf(this.#doc).forEach((map, id) => {
			if (!(map instanceof Y.Map)) return;
			const known = this.#byId.get(id);
			next.set(id, known && !this.#all && !this.#dirty.has(id) ? known : readNote(map));
		});
		this.#byId = next;
		this.#dirty.clear();
		this.#all = false;
		this.#sorted = [...next.values()].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
		this.#last = this.#sorted;
		this.#reorder = false;
		return this.#sorted;
	}
}

/**
 * A reader of one root (meta, groups) that reads again only after that root
 * changed: between changes every caller gets the same object, so the many
 * cards that ask for the axes or groups do not re-render on each keystroke.
 */
export function readWhenChanged<T, V>(root: Y.Map<V>, read: () => T): () => T {
	let value: T | undefined;
	let stale = true;
	root.observeDeep(() => (stale = true));
	return () => {
		if (stale) {
			value = read();
			stale = false;
		}
		return value as T;
	};
}
