/**
 * The BoardStore contract (server/store/types.ts), the same suite for every
 * implementation: SQLite here, PostgreSQL in the postgresql project
 * (vitest.config.ts).
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addNote, initBoard, noteText, readMeta, readNotes } from '../../../src/lib/board/doc';
import { TEMPLATE_AXES } from '../../../src/lib/shared/templates';
import { insertBoard } from '../../../server/db/boards';
import { BOARD_DOC, loadDoc, privateDocName, privateDocNames, SESSION_DOC } from '../../../server/sync/persistence';
import type { Db } from '../../../server/db/plugin';
import { testDb } from '../../helpers/build-app';

/** A live doc whose every update is appended in order after the previous one, as a room does. */
async function liveBoard(given?: Db, docName = BOARD_DOC) {
	const db = given ?? (await testDb()).db;
	const { board } = await insertBoard(db, 'Atelier');
	const live = new Y.Doc();
	let seq = 0;
	let chain: Promise<unknown> = Promise.resolve();
	live.on('update', (u: Uint8Array) => {
		chain = chain.then(async () => {
			const result = await db.store.append(board.id, docName, u, seq);
			if (result === 'conflict') throw new Error('a lone writer conflicted');
			seq = result;
		});
	});
	initBoard(live, { title: 'Atelier', axes: TEMPLATE_AXES.nec });
	return { db, boardId: board.id, live, stored: () => chain, seq: () => seq };
}

describe('board store', () => {
	test('appended updates reload into the same document, in order', async () => {
		const { db, boardId, live, stored, seq } = await liveBoard();
		const id = addNote(live, { axisId: 'communs', authorId: 'p', text: 'Wiki' });
		noteText(live, id)!.insert(4, ' partagé');
		await stored();
		const { doc, tailLength, head } = await loadDoc(db, boardId);
		expect(readNotes(doc)).toEqual(readNotes(live));
		expect(readMeta(doc)).toEqual(readMeta(live));
		expect(tailLength).toBe(3);
		expect(head).toBe(seq());
		const since = await db.store.since(boardId, 0);
		expect(since.updates.map((u) => u.seq)).toEqual([...since.updates.map((u) => u.seq)].sort((a, b) => a - b));
		expect(since.updates).toHaveLength(3);
		expect(since.folded).toEqual([]);
	});

	test('compaction folds the tail into one snapshot that reloads equal, and the order goes on after it', async () => {
		const { db, boardId, live, stored, seq } = await liveBoard();
		for (let i = 0; i < 50; i++) addNote(live, { axisId: 'lieux', authorId: 'p', text: `note ${i}` });
		await stored();
		const upTo = seq();
		await db.store.compact(boardId, BOARD_DOC, Y.encodeStateAsUpdate(live), upTo);
		expect(await db.store.tailLength(boardId, BOARD_DOC)).toBeLessThanOrEqual(1);
		addNote(live, { axisId: 'donnees', authorId: 'p', text: 'after the snapshot' });
		await stored();
		expect(seq()).toBeGreaterThan(upTo);
		const reloaded = await loadDoc(db, boardId);
		expect(readNotes(reloaded.doc)).toEqual(readNotes(live));
		expect(readNotes(reloaded.doc)).toHaveLength(51);
		expect(await db.store.since(boardId, upTo)).toEqual({ updates: [expect.objectContaining({ seq: seq() })], folded: [] });
		// Whoever read the board only up to before the compaction must reload it: the log lost those updates.
		const behind = await db.store.since(boardId, upTo - 10);
		expect(behind.folded).toEqual([BOARD_DOC]);
		expect(behind.updates.every((u) => u.seq > upTo - 10)).toBe(true);
	});

	test("boards do not see each other's updates; a board's documents are listed by prefix", async () => {
		const one = await liveBoard();
		const other = (await insertBoard(one.db, 'Autre')).board;
		addNote(one.live, { axisId: 'lieux', authorId: 'p', text: 'only here' });
		await one.stored();
		expect(readNotes((await loadDoc(one.db, other.id)).doc)).toEqual([]);
		expect(await one.db.store.since(other.id, 0)).toEqual({ updates: [], folded: [] });
		await one.db.store.append(one.boardId, privateDocName('alice'), Y.encodeStateAsUpdate(new Y.Doc()), one.seq());
		await one.db.store.compact(one.boardId, privateDocName('bob'), Y.encodeStateAsUpdate(new Y.Doc()), 0);
		expect(await privateDocNames(one.db, one.boardId)).toEqual([privateDocName('alice'), privateDocName('bob')]);
		expect(await privateDocNames(one.db, other.id)).toEqual([]);
		expect((await loadDoc(one.db, one.boardId, SESSION_DOC)).tailLength).toBe(0);
	});
});
