import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	addGroup, addNote, deleteGroup, deleteNote, groupWith, hideNote, initBoard, moveGroup, moveNote, noteText, readGroups, readMeta,
	readNotes, renameGroup, restoreNote, setAxes, setNoteColor, setNoteGroup, setTitle, totalVotes, vote, votesCastBy
} from '../../../src/lib/board/doc';
import { TEMPLATE_AXES } from '../../../src/lib/shared/templates';

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('board document', () => {
	test('a new NEC board has the three fixed axes and its title', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'Atelier', axes: TEMPLATE_AXES.nec });
		const meta = readMeta(doc);
		expect(meta.title).toBe('Atelier');
		expect(meta.axes.map((a) => a.id)).toEqual(['lieux', 'donnees', 'communs']);
		expect(meta.axes.every((a) => a.description.length > 20)).toBe(true);
	});

	test('a note is stored with the contract shape (Y.Text text, Y.Map votes)', () => {
		const doc = new Y.Doc();
		const id = addNote(doc, { axisId: 'lieux', authorId: 'p1', text: 'Un tiers-lieu', createdAt: 5 });
		const map = doc.getMap<Y.Map<unknown>>('notes').get(id)!;
		expect(map.get('text')).toBeInstanceOf(Y.Text);
		expect(map.get('votes')).toBeInstanceOf(Y.Map);
		expect(readNotes(doc)).toEqual([
			{ id, axisId: 'lieux', text: 'Un tiers-lieu', authorId: 'p1', color: 'yellow', createdAt: 5, votes: {} }
		]);
	});

	test('colour, move and delete change only their note', () => {
		const doc = new Y.Doc();
		const a = addNote(doc, { axisId: 'lieux', authorId: 'p1', createdAt: 1 });
		const b = addNote(doc, { axisId: 'lieux', authorId: 'p2', createdAt: 2 });
		setNoteColor(doc, a, 'blue');
		moveNote(doc, a, 'communs');
		deleteNote(doc, b);
		expect(readNotes(doc)).toMatchObject([{ id: a, color: 'blue', axisId: 'communs' }]);
	});

	test('two people typing in the same note at once both keep their text', () => {
		const alice = new Y.Doc();
		const bob = new Y.Doc();
		const id = addNote(alice, { axisId: 'donnees', authorId: 'a', text: 'open data' });
		sync(alice, bob);
		noteText(alice, id)!.insert(0, 'Alice: ');
		noteText(bob, id)!.insert(9, ' for all');
		sync(alice, bob);
		expect(readNotes(alice)[0].text).toBe('Alice: open data for all');
		expect(readNotes(bob)[0].text).toBe(readNotes(alice)[0].text);
	});

	test('notes are listed oldest first, the same on every client', () => {
		const doc = new Y.Doc();
		addNote(doc, { id: 'b', axisId: 'x', authorId: 'p', createdAt: 2 });
		addNote(doc, { id: 'c', axisId: 'x', authorId: 'p', createdAt: 1 });
		addNote(doc, { id: 'a', axisId: 'x', authorId: 'p', createdAt: 2 });
		expect(readNotes(doc).map((n) => n.id)).toEqual(['c', 'a', 'b']);
	});

	test('organisers rename the board and edit axes', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'A', axes: TEMPLATE_AXES.blank });
		setTitle(doc, 'B');
		setAxes(doc, [{ id: 'x', title: 'X', description: '' }]);
		expect(readMeta(doc)).toEqual({ title: 'B', axes: [{ id: 'x', title: 'X', description: '' }] });
	});
});

describe('votes, groups and moderation helpers', () => {
	function board() {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'Atelier', axes: TEMPLATE_AXES.nec });
		const a = addNote(doc, { axisId: 'lieux', authorId: 'alice', text: 'Médiathèque' });
		const b = addNote(doc, { axisId: 'lieux', authorId: 'bob', text: 'Fablab' });
		return { doc, a, b };
	}

	test('vote and unvote; the entry disappears at zero; totals and budget use', () => {
		const { doc, a, b } = board();
		vote(doc, a, 'bob', 1);
		vote(doc, a, 'bob', 1);
		vote(doc, b, 'bob', 1);
		vote(doc, a, 'carol', 1);
		expect(readNotes(doc).find((n) => n.id === a)!.votes).toEqual({ bob: 2, carol: 1 });
		expect(totalVotes(readNotes(doc).find((n) => n.id === a)!)).toBe(3);
		expect(votesCastBy(doc, 'bob')).toBe(3);
		vote(doc, b, 'bob', -1);
		vote(doc, b, 'bob', -1);
		expect(readNotes(doc).find((n) => n.id === b)!.votes).toEqual({});
		expect(votesCastBy(doc, 'bob')).toBe(2);
	});

	test('groups: add, rename, put notes in, move with their notes, delete keeps the notes', () => {
		const { doc, a, b } = board();
		const g = addGroup(doc, { axisId: 'lieux', title: 'Lieux' });
		renameGroup(doc, g, 'Tiers-lieux');
		setNoteGroup(doc, a, g);
		expect(readGroups(doc)).toEqual([{ id: g, axisId: 'lieux', title: 'Tiers-lieux' }]);
		moveGroup(doc, g, 'communs');
		const notes = readNotes(doc);
		expect(notes.find((n) => n.id === a)).toMatchObject({ axisId: 'communs', groupId: g });
		expect(notes.find((n) => n.id === b)!.axisId).toBe('lieux');
		deleteGroup(doc, g);
		expect(readGroups(doc)).toEqual([]);
		expect(readNotes(doc).find((n) => n.id === a)!.groupId).toBeUndefined();
	});

	test('hide and show a note; restore a deleted note as it was', () => {
		const { doc, a } = board();
		hideNote(doc, a);
		expect(readNotes(doc).find((n) => n.id === a)!.hidden).toBe(true);
		hideNote(doc, a, false);
		expect(readNotes(doc).find((n) => n.id === a)!.hidden).toBeUndefined();
		vote(doc, a, 'bob', 1);
		const before = readNotes(doc).find((n) => n.id === a)!;
		deleteNote(doc, a);
		restoreNote(doc, before);
		expect(readNotes(doc).find((n) => n.id === a)).toEqual(before);
	});

	test('a note dropped on an ungrouped note: both are in one new group, in the target axis', () => {
		const doc = new Y.Doc();
		const target = addNote(doc, { axisId: 'lieux', authorId: 'p1' });
		const dropped = addNote(doc, { axisId: 'communs', authorId: 'p2' });
		groupWith(doc, dropped, target, 'Groupe 1');
		const [group] = readGroups(doc);
		expect(group).toMatchObject({ axisId: 'lieux', title: 'Groupe 1' });
		const notes = readNotes(doc);
		expect(notes.find((n) => n.id === target)!.groupId).toBe(group.id);
		expect(notes.find((n) => n.id === dropped)).toMatchObject({ groupId: group.id, axisId: 'lieux' });
		// Dropped again on a grouped note: it joins that group, no new one.
		const third = addNote(doc, { axisId: 'lieux', authorId: 'p3' });
		groupWith(doc, third, dropped, 'Groupe 2');
		expect(readGroups(doc)).toHaveLength(1);
		expect(readNotes(doc).find((n) => n.id === third)!.groupId).toBe(group.id);
	});
});
