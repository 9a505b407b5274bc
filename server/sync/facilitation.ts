/**
 * How a board's documents depend on each other (issue: facilitation):
 * - board updates are checked against the session's phase, lock and vote budget;
 * - the session document is written by facilitators only;
 * - during private writing each participant writes to `private/<participantId>`,
 *   the server keeps per-axis counts in the session, and merges every private
 *   document into the board when private writing ends (the reveal);
 * - facilitators' deletes and hides go to the moderation log, and a hidden
 *   note is withheld: kept in the log, taken off the board (moderation.ts);
 * - with pre-moderation on, participants' new notes wait in their private
 *   documents until a facilitator accepts them (`accept`).
 */
import type { FastifyBaseLogger } from 'fastify';
import { notesOf, readMeta, readNotes, restoreNote, type Note } from '../../src/lib/board/doc';
import { readSession, sessionOf, type SessionState } from '../../src/lib/board/session';
import { readPolls } from '../../src/lib/board/polls';
import { isPrivatePhase } from '../../src/lib/board/phases';
import { checkTransaction } from '../../src/lib/board/validate';
import { checkSessionTransaction } from '../../src/lib/board/validate-session';
import type { Db } from '../db/plugin';
import { logModeration, type ModerationEvent } from '../db/moderation';
import { BOARD_DOC, isPrivateDoc, loadDoc, participantOfPrivateDoc, privateDocNames, SESSION_DOC } from './persistence';
import { hiddenOnBoard, moderationEvents, withhold, withheldNotes } from './moderation';
import type { DocRules, Room } from './room';
import type { Rooms } from './rooms';

type Counts = Record<string, number>;

export class Facilitation {
	#rooms: Rooms;
	#db: Db;
	#log: FastifyBaseLogger;
	/** Per board: was private writing on, the last time the session changed? */
	#privateOn = new Map<string, boolean>();
	/** Per board, per participant: private notes per axis (loaded on first need). */
	#counts = new Map<string, Map<string, Counts>>();

	constructor(rooms: Rooms, db: Db, log: FastifyBaseLogger) {
		this.#rooms = rooms;
		this.#db = db;
		this.#log = log;
	}

	session(boardId: string): SessionState {
		return readSession(this.#rooms.use(boardId, SESSION_DOC).doc);
	}

	rulesFor(boardId: string, docName: string): DocRules {
		if (docName === BOARD_DOC) {
			return {
				check: (tr, writer) =>
					checkTransaction(tr, writer, { session: this.session(boardId), polls: readPolls(this.#rooms.use(boardId, SESSION_DOC).doc) }),
				inspect: moderationEvents,
				accepted: (room, peer, inspected) => {
					const events = withheldNotes(room.doc, (inspected as ModerationEvent[][]).flat());
					logModeration(this.#db, boardId, peer.writer.participantId, events);
					withhold(room, events);
				}
			};
		}
		if (docName === SESSION_DOC) {
			return { check: checkSessionTransaction, accepted: (room) => this.#sessionChanged(room) };
		}
		if (isPrivateDoc(docName)) {
			return {
				check: (tr, writer) =>
					checkTransaction(tr, writer, {
						session: this.session(boardId),
						target: 'private',
						axes: readMeta(this.#rooms.use(boardId).doc).axes.map((a) => a.id)
					}),
				accepted: (room) => this.#privateChanged(room)
			};
		}
		throw new Error(`unknown document ${docName}`);
	}

	/** A room was loaded: remember the session's private state, to see it end. */
	opened(room: Room): void {
		if (room.docName === BOARD_DOC) this.#withholdStored(room);
		if (room.docName === SESSION_DOC) this.#privateOn.set(room.boardId, isPrivatePhase(readSession(room.doc)));
	}

	/** A board stored with hidden notes (from before withholding) is withheld as it loads. */
	#withholdStored(room: Room): void {
		const events = hiddenOnBoard(room.doc);
		if (events.length === 0) return;
		logModeration(this.#db, room.boardId, null, events);
		withhold(room, events);
	}

	forget(boardId: string): void {
		this.#privateOn.delete(boardId);
		this.#counts.delete(boardId);
	}

	#sessionChanged(room: Room): void {
		const session = readSession(room.doc);
		const now = isPrivatePhase(session);
		const before = this.#privateOn.get(room.boardId) ?? false;
		if (!before || now) return void this.#privateOn.set(room.boardId, now);
		// Leaving Collect also ends private writing, so the flag never says "private" while nothing is.
		if (session.privateWriting) room.serverWrite((doc) => sessionOf(doc).set('privateWriting', false));
		this.reveal(room.boardId);
		// Only once revealed: if storing failed (disk full), the next session change tries again.
		this.#privateOn.set(room.boardId, false);
	}

	/**
	 * Merges every private document's notes into the board (one server
	 * transaction, stored then broadcast), then empties the private documents.
	 * Idempotent: a note keeps its id, and an id already on the board under
	 * another author is skipped (a private note cannot overwrite a public one).
	 */
	reveal(boardId: string): number {
		const privateRooms = this.#privateRooms(boardId);
		const notes: Note[] = privateRooms.flatMap(ownNotes);
		const board = this.#rooms.use(boardId);
		board.serverWrite((doc) => {
			const existing = new Map(readNotes(doc).map((n) => [n.id, n.authorId]));
			for (const note of notes) {
				const author = existing.get(note.id);
				if (author !== undefined && author !== note.authorId) continue;
				restoreNote(doc, { ...note, votes: {}, groupId: undefined, rank: undefined });
			}
		});
		for (const room of privateRooms) {
			room.serverWrite((doc) => {
				for (const id of [...notesOf(doc).keys()]) notesOf(doc).delete(id);
			});
		}
		this.#counts.set(boardId, new Map());
		this.#writeCounts(boardId, {});
		this.#log.info({ board: boardId, notes: notes.length }, 'private notes revealed');
		return notes.length;
	}

	#privateRooms(boardId: string): Room[] {
		const names = new Set(privateDocNames(this.#db, boardId));
		for (const room of this.#rooms.loaded(boardId)) if (isPrivateDoc(room.docName)) names.add(room.docName);
		return [...names].map((name) => this.#rooms.use(boardId, name));
	}

	/** Pre-moderation: the notes waiting for a facilitator, oldest first (none when it is off). */
	pending(boardId: string): Note[] {
		if (!this.session(boardId).premoderation) return [];
		return this.#privateRooms(boardId).flatMap(ownNotes).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	}

	/**
	 * Pre-moderation: a facilitator's decision on a waiting note. Accepted, it
	 * goes onto the board (as a reveal would); either way it leaves its
	 * author's private document. Null when no note with this id is waiting.
	 */
	decide(boardId: string, noteId: string, accept: boolean): Note | null {
		if (!this.session(boardId).premoderation) return null;
		const room = this.#privateRooms(boardId).find((r) => ownNotes(r).some((n) => n.id === noteId));
		const note = room && ownNotes(room).find((n) => n.id === noteId);
		if (!room || !note) return null;
		if (accept) {
			this.#rooms.use(boardId).serverWrite((doc) => {
				if (!notesOf(doc).has(note.id)) restoreNote(doc, { ...note, votes: {}, groupId: undefined, rank: undefined });
			});
		}
		room.serverWrite((doc) => notesOf(doc).delete(noteId));
		this.#privateChanged(room);
		return note;
	}

	#privateChanged(room: Room): void {
		const counts = this.#countsOf(room.boardId);
		counts.set(participantOfPrivateDoc(room.docName), countByAxis(readNotes(room.doc)));
		const total: Counts = {};
		for (const perAxis of counts.values()) {
			for (const [axisId, n] of Object.entries(perAxis)) total[axisId] = (total[axisId] ?? 0) + n;
		}
		this.#writeCounts(room.boardId, total);
	}

	#countsOf(boardId: string): Map<string, Counts> {
		let counts = this.#counts.get(boardId);
		if (counts) return counts;
		counts = new Map();
		for (const name of privateDocNames(this.#db, boardId)) {
			const room = this.#rooms.peek(boardId, name);
			const doc = room ? room.doc : loadDoc(this.#db, boardId, name).doc;
			counts.set(participantOfPrivateDoc(name), countByAxis(readNotes(doc)));
			if (!room) doc.destroy();
		}
		this.#counts.set(boardId, counts);
		return counts;
	}

	#writeCounts(boardId: string, total: Counts): void {
		const session = this.#rooms.use(boardId, SESSION_DOC);
		if (sameCounts(readSession(session.doc).privateCounts, total)) return;
		session.serverWrite((doc) => sessionOf(doc).set('privateCounts', total));
	}
}

/** A private document's notes written by its owner (anything else in it is ignored). */
function ownNotes(room: Room): Note[] {
	return readNotes(room.doc).filter((n) => n.authorId === participantOfPrivateDoc(room.docName));
}

function countByAxis(notes: Note[]): Counts {
	const counts: Counts = {};
	for (const note of notes) counts[note.axisId] = (counts[note.axisId] ?? 0) + 1;
	return counts;
}

function sameCounts(a: Counts, b: Counts): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
