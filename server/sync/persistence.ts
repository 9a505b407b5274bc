/**
 * Yjs storage: updates are appended as they arrive (before broadcast) and
 * compacted into one snapshot per board. Load = snapshot + the tail after it.
 */
import * as Y from 'yjs';
import { and, asc, eq, gt, like, lte, sql } from 'drizzle-orm';
import { snapshots, updates } from '../db/schema';
import type { Db } from '../db/plugin';
import { ensureRoots } from '../../src/lib/board/doc';

export interface Loaded {
	doc: Y.Doc;
	/** Id of the last stored row the doc includes (snapshot or tail). */
	lastUpdateId: number;
	/** Number of tail updates read after the snapshot. */
	tailLength: number;
	/** The stored snapshot when it is the whole document (no tail after it): an update equal to the doc's state. */
	wholeState: Uint8Array | null;
}

/** The notes document; a board's other documents (session, private notes) are named too. */
export const BOARD_DOC = 'board';

export function loadDoc(db: Db, boardId: string, docName = BOARD_DOC): Loaded {
	const doc = new Y.Doc();
	ensureRoots(doc);
	const snapshot = db
		.select()
		.from(snapshots)
		.where(and(eq(snapshots.boardId, boardId), eq(snapshots.doc, docName)))
		.get();
	let lastUpdateId = snapshot?.lastUpdateId ?? 0;
	const tail = db
		.select({ id: updates.id, data: updates.data })
		.from(updates)
		.where(and(eq(updates.boardId, boardId), eq(updates.doc, docName), gt(updates.id, lastUpdateId)))
		.orderBy(asc(updates.id))
		.all();
	doc.transact(() => {
		if (snapshot) Y.applyUpdate(doc, snapshot.data);
		for (const row of tail) {
			Y.applyUpdate(doc, row.data);
			lastUpdateId = row.id;
		}
	});
	const wholeState = snapshot && tail.length === 0 ? snapshot.data : null;
	return { doc, lastUpdateId, tailLength: tail.length, wholeState };
}

function prepareAppend(db: Db) {
	return db
		.insert(updates)
		.values({ boardId: sql.placeholder('boardId'), doc: sql.placeholder('doc'), data: sql.placeholder('data') })
		.returning({ id: updates.id })
		.prepare();
}

/**
 * The insert of every update, prepared once per database: building and
 * preparing it on each call took a third of the server's CPU under load
 * (npm run bench, event load, node --cpu-prof).
 */
const appendStatements = new WeakMap<Db, ReturnType<typeof prepareAppend>>();

/** Stores one update durably; returns its row id. Throws if SQLite cannot write (e.g. disk full). */
export function appendUpdate(db: Db, boardId: string, update: Uint8Array, docName = BOARD_DOC): number {
	let statement = appendStatements.get(db);
	if (!statement) appendStatements.set(db, (statement = prepareAppend(db)));
	const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
	const row = statement.get({ boardId, doc: docName, data });
	if (!row) throw new Error('the update was not stored');
	return row.id;
}

/** Replaces the snapshot with `state` (which includes every update up to `upToId`) and drops that tail. */
export function compact(db: Db, boardId: string, state: Uint8Array, upToId: number, docName = BOARD_DOC): void {
	db.transaction((tx) => {
		const data = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
		tx.insert(snapshots)
			.values({ boardId, doc: docName, data, lastUpdateId: upToId, updatedAt: new Date() })
			.onConflictDoUpdate({
				target: [snapshots.boardId, snapshots.doc], set: { data, lastUpdateId: upToId, updatedAt: new Date() }
			})
			.run();
		tx.delete(updates)
			.where(and(eq(updates.boardId, boardId), eq(updates.doc, docName), lte(updates.id, upToId)))
			.run();
	});
}

export function tailLength(db: Db, boardId: string, docName = BOARD_DOC): number {
	const row = db
		.select({ n: sql<number>`count(*)` })
		.from(updates)
		.where(and(eq(updates.boardId, boardId), eq(updates.doc, docName)))
		.get();
	return row?.n ?? 0;
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
export function privateDocNames(db: Db, boardId: string): string[] {
	const pattern = `${PRIVATE_PREFIX}%`;
	const inUpdates = db
		.selectDistinct({ doc: updates.doc })
		.from(updates)
		.where(and(eq(updates.boardId, boardId), like(updates.doc, pattern)))
		.all();
	const inSnapshots = db
		.select({ doc: snapshots.doc })
		.from(snapshots)
		.where(and(eq(snapshots.boardId, boardId), like(snapshots.doc, pattern)))
		.all();
	return [...new Set([...inUpdates, ...inSnapshots].map((r) => r.doc))].sort();
}
