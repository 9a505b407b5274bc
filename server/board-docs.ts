/**
 * Reading a board's documents for exports and the event page: the live room's
 * document when the board is loaded, else SQLite (which holds every update a
 * peer has seen: the room stores before it broadcasts).
 */
import type { FastifyInstance } from 'fastify';
import type * as Y from 'yjs';
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
	/** Connections open on the board now. */
	connected: number;
	/** Frees the documents read from SQLite (never the live room's). */
	close(): void;
}

export function openBoard(app: FastifyInstance, board: BoardRow): OpenBoard {
	const room = app.rooms.peek(board.id);
	const owned: Y.Doc[] = [];
	let doc: Y.Doc;
	if (room) doc = room.doc;
	else owned.push((doc = loadDoc(app.db, board.id).doc));
	const session = loadDoc(app.db, board.id, SESSION_DOC).doc;
	owned.push(session);
	return {
		source: {
			id: board.id, title: board.title, createdAt: board.createdAt, licence: board.licence, doc, session,
			...(board.workshopId ? { table: { workshopId: board.workshopId, number: board.tableNumber ?? 0 } } : {})
		},
		session,
		connected: room?.peers.size ?? 0,
		close: () => owned.forEach((d) => d.destroy())
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
