import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addGroup, addNote, deleteNote, initBoard, metaOf, noteText, readMeta, readNotes, setNoteColor, setTitle, vote } from '../../../src/lib/board/doc';
import { TEMPLATE_AXES } from '../../../src/lib/shared/templates';
import { NoteCache, readWhenChanged } from '../../../src/lib/board/doc-cache';

describe('NoteCache: the notes as readNotes gives them, re-reading only what changed', () => {
	it('keeps unchanged notes as the same objects and re-reads the edited one', () => {
		const doc = new Y.Doc();
		const cache = new NoteCache(doc);
		const a = addNote(doc, { axisId: 'lieux', authorId: 'p1', text: 'un', createdAt: 1 });
		const b = addNote(doc, { axisId: 'lieux', authorId: 'p2', text: 'deux', createdAt: 2 });
		const before = cache.notes();
		expect(before).toEqual(readNotes(doc));
		noteText(doc, b)!.insert(4, ' bis');
		const after = cache.notes();
		expect(after).toEqual(readNotes(doc));
		expect(after.find((n) => n.id === a)).toBe(before.find((n) => n.id === a));
		expect(after.find((n) => n.id === b)?.text).toBe('deux bis');
	});

	it('follows votes, colours, deletions and remote updates', () => {
		const doc = new Y.Doc();
		const cache = new NoteCache(doc);
		const a = addNote(doc, { axisId: 'lieux', authorId: 'p1', text: 'un', createdAt: 1 });
		cache.notes();
		vote(doc, a, 'p2', 1);
		setNoteColor(doc, a, 'blue');
		expect(cache.notes()).toEqual(readNotes(doc));
		const remote = new Y.Doc();
		Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
		addNote(remote, { axisId: 'communs', authorId: 'p3', text: 'trois', createdAt: 3 });
		deleteNote(remote, a);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)));
		expect(cache.notes()).toEqual(readNotes(doc));
		expect(cache.notes().map((n) => n.text)).toEqual(['trois']);
	});
});

describe('readWhenChanged: one object per version of a root', () => {
	it('gives the same meta while only notes and groups change, a new one when the meta changes', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'Atelier', axes: TEMPLATE_AXES.nec });
		const meta = readWhenChanged(metaOf(doc), () => readMeta(doc));
		const first = meta();
		addNote(doc, { axisId: 'lieux', authorId: 'p1', text: 'un' });
		addGroup(doc, { axisId: 'lieux', title: 'Groupe' });
		expect(meta()).toBe(first);
		setTitle(doc, 'Atelier renommé');
		expect(meta()).not.toBe(first);
		expect(meta().title).toBe('Atelier renommé');
	});
});
