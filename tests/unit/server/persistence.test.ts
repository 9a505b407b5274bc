import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addNote, initBoard, noteText, readMeta, readNotes } from '../../../src/lib/board/doc';
import { TEMPLATE_AXES } from '../../../src/lib/shared/templates';
import { insertBoard } from '../../../server/db/boards';
import { appendUpdate, compact, loadDoc, tailLength } from '../../../server/sync/persistence';
import { testDb } from '../../helpers/build-app';

/** A live doc whose every update is appended, as the server does. */
function liveBoard() {
	const { db, file } = testDb();
	const { board } = insertBoard(db, 'Atelier');
	const live = new Y.Doc();
	live.on('update', (u: Uint8Array) => appendUpdate(db, board.id, u));
	initBoard(live, { title: 'Atelier', axes: TEMPLATE_AXES.nec });
	return { db, file, boardId: board.id, live };
}

describe('persistence', () => {
	test('appended updates reload into the same document', () => {
		const { db, boardId, live } = liveBoard();
		const id = addNote(live, { axisId: 'communs', authorId: 'p', text: 'Wiki' });
		noteText(live, id)!.insert(4, ' partagé');
		const { doc, tailLength: tail } = loadDoc(db, boardId);
		expect(readNotes(doc)).toEqual(readNotes(live));
		expect(readMeta(doc)).toEqual(readMeta(live));
		expect(tail).toBe(3);
	});

	test('compaction folds the tail into one snapshot that reloads equal', () => {
		const { db, boardId, live } = liveBoard();
		for (let i = 0; i < 50; i++) addNote(live, { axisId: 'lieux', authorId: 'p', text: `note ${i}` });
		const { lastUpdateId } = loadDoc(db, boardId);
		compact(db, boardId, Y.encodeStateAsUpdate(live), lastUpdateId);
		expect(tailLength(db, boardId)).toBe(0);
		addNote(live, { axisId: 'donnees', authorId: 'p', text: 'after the snapshot' });
		const reloaded = loadDoc(db, boardId);
		expect(reloaded.tailLength).toBe(1);
		expect(readNotes(reloaded.doc)).toEqual(readNotes(live));
		expect(readNotes(reloaded.doc)).toHaveLength(51);
	});

	test("boards do not see each other's updates", () => {
		const one = liveBoard();
		const other = insertBoard(one.db, 'Autre').board;
		addNote(one.live, { axisId: 'lieux', authorId: 'p', text: 'only here' });
		expect(readNotes(loadDoc(one.db, other.id).doc)).toEqual([]);
	});
});
