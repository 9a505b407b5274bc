/**
 * Facts of a board that its open pages show but that live in the database
 * (the join code, the licence): when the organiser changes one, the server
 * writes it into the session document (server-only fields, session.ts), so
 * every open page — the projector's QR code, the participant's licence notice —
 * changes at once, without a reload, on every instance (the write goes
 * through the store like any update).
 */
import { sessionOf, SERVER_SESSION_KEYS } from '../../src/lib/board/session';
import type { Rooms } from './rooms';
import { SESSION_DOC } from './persistence';

type Fact = Exclude<(typeof SERVER_SESSION_KEYS)[number], 'privateCounts'>;

export async function publishBoardFact(rooms: Rooms, boardId: string, fact: Fact, value: string): Promise<void> {
	// Loaded even when no page is open: a value written earlier must not outlive this change.
	await rooms.run(boardId, async () => (await rooms.open(boardId, SESSION_DOC)).serverWrite((doc) => sessionOf(doc).set(fact, value)));
}
