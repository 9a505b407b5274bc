/**
 * A board's documents as stored (server/store/types.ts, BoardStore): updates
 * appended as they arrive (before broadcast), compacted into one snapshot per
 * document. Load = snapshot + the tail after it.
 */
import * as Y from 'yjs';
import type { Db } from '../db/plugin';
import { ensureRoots } from '../../src/lib/board/doc';

export interface Loaded {
	doc: Y.Doc;
	/** The board's sequence number the doc is at: it includes every update of its document up to it. */
	head: number;
	/** Number of tail updates read after the snapshot. */
	tailLength: number;
	/** The stored snapshot when it is the whole document (no tail after it): an update equal to the doc's state. */
	wholeState: Uint8Array | null;
}

/** The notes document; a board's other documents (session, private notes) are named too. */
export const BOARD_DOC = 'board';

export async function loadDoc(db: Db, boardId: string, docName = BOARD_DOC): Promise<Loaded> {
	const { snapshot, tail, head } = await db.store.load(boardId, docName);
	const doc = new Y.Doc();
	ensureRoots(doc);
	doc.transact(() => {
		if (snapshot) Y.applyUpdate(doc, snapshot);
		for (const row of tail) Y.applyUpdate(doc, row.data);
	});
	return { doc, head, tailLength: tail.length, wholeState: snapshot && tail.length === 0 ? snapshot : null };
}

/**
 * Stores an update outside any room, at the board's current end (seed data,
 * tests). Rooms append through their board's queue instead (room.ts).
 */
export async function appendUpdate(db: Db, boardId: string, update: Uint8Array, docName = BOARD_DOC): Promise<number> {
	for (;;) {
		const { head } = await db.store.load(boardId, docName);
		const seq = await db.store.append(boardId, docName, update, head);
		if (seq !== 'conflict') return seq;
	}
}

/** The facilitators' session document (src/lib/board/session.ts). */
export const SESSION_DOC = 'session';
const PRIVATE_PREFIX = 'private/';

/** One participant's unrevealed notes; only a connection with their key reaches it. */
export function privateDocName(participantId: string): string {
	return PRIVATE_PREFIX + participantId;
}

export function isPrivateDoc(docName: string): boolean {
	return docName.startsWith(PRIVATE_PREFIX);
}

export function participantOfPrivateDoc(docName: string): string {
	return docName.slice(PRIVATE_PREFIX.length);
}

/** Names of the board's stored private documents (snapshot or updates). */
export function privateDocNames(db: Db, boardId: string): Promise<string[]> {
	return db.store.docNames(boardId, PRIVATE_PREFIX);
}
