/**
 * Reading a board's documents for exports and the event page: a copy of the
 * live room's document when the board is loaded here (taken in the board's
 * queue, so it holds nothing not yet stored), else the database (which holds
 * every update a peer has seen: the room stores before it broadcasts).
 */
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import { readNotes } from '../src/lib/board/doc';
import { readSession, type Phase } from '../src/lib/board/session';
import type { BoardSource } from '../src/lib/export/snapshot';
import type { BoardStatus } from '../src/lib/shared/outcomes';
import type { BoardRow } from './db/boards';
import { loadDoc } from './sync/persistence';

/** Where the session (phase, syntheses) is stored, beside the board document. */
export const SESSION_DOC = 'session';

export interface OpenBoard {
	source: BoardSource;
	session: Y.Doc;
	/** Connections open on the board now, on every instance. */
	connected: number;
	/** Frees the documents read. */
	close(): void;
}

function copyOf(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}

export async function openBoard(app: FastifyInstance, board: BoardRow): Promise<OpenBoard> {
	const live = await app.rooms.run(board.id, () => {
		const room = app.rooms.peek(board.id);
		return room ? { doc: copyOf(room.doc), connected: room.peers.size } : null;
	});
	// With several instances, the others' connections count too (the event page may be answered by any of them).
	const elsewhere = await app.rooms.connectedElsewhere(board.id);
	const doc = live?.doc ?? (await loadDoc(app.db, board.id)).doc;
	const session = (await loadDoc(app.db, board.id, SESSION_DOC)).doc;
	return {
		source: {
			id: board.id, title: board.title, createdAt: board.createdAt, licence: board.licence, doc, session,
			...(board.workshopId ? { table: { workshopId: board.workshopId, number: board.tableNumber ?? 0 } } : {})
		},
		session,
		connected: (live?.connected ?? 0) + elsewhere,
		close: () => [doc, session].forEach((d) => d.destroy())
	};
}

/** The board's state for the event page (BoardStatus in src/lib/shared/outcomes.ts says what each means). */
export function statusOf(open: OpenBoard): { status: BoardStatus; phase: Phase; notes: number } {
	const phase = readSession(open.session).phase;
	const notes = readNotes(open.source.doc).filter((n) => !n.hidden).length;
	let status: BoardStatus = 'paused';
	if (phase === 'closed') status = 'closed';
	else if (open.connected > 0) status = 'live';
	else if (notes === 0 && phase === 'collect') status = 'not_started';
	return { status, phase, notes };
}
