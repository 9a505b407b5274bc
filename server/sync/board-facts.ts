/**
 * Facts of a board that its open pages show but that live in the database
 * (the join code, the licence): when the organiser changes one, the server
 * writes it into the session document (server-only fields, session.ts), so
 * every open page — the projector's QR code, the participant's licence notice —
 * changes at once, without a reload.
 */
import { sessionOf, SERVER_SESSION_KEYS } from '../../src/lib/board/session';
import type { Rooms } from './rooms';
import { SESSION_DOC } from './persistence';

type Fact = Exclude<(typeof SERVER_SESSION_KEYS)[number], 'privateCounts'>;

export function publishBoardFact(rooms: Rooms, boardId: string, fact: Fact, value: string): void {
	// Loaded even when no page is open: a value written earlier must not outlive this change.
	const room = rooms.use(boardId, SESSION_DOC);
	room.serverWrite((doc) => sessionOf(doc).set(fact, value));
}
