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
import { ensureSyntheses, missingSyntheses, readSession, sessionOf, type SessionState } from '../../src/lib/board/session';
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

	/** The session as this instance holds it; its room is loaded before any room whose rules read it (Rooms.open). */
	session(boardId: string): SessionState {
		return readSession(this.#sessionDoc(boardId));
	}

	#sessionDoc(boardId: string) {
		const room = this.#rooms.peek(boardId, SESSION_DOC);
		if (!room) throw new Error(`the session of ${boardId} is not loaded`);
		return room.doc;
	}

	rulesFor(boardId: string, docName: string): DocRules {
		if (docName === BOARD_DOC) {
			return {
				check: (tr, writer) =>
					checkTransaction(tr, writer, { session: this.session(boardId), polls: readPolls(this.#sessionDoc(boardId)) }),
				inspect: moderationEvents,
				accepted: async (room, peer, inspected) => {
					const events = withheldNotes(room.doc, (inspected as ModerationEvent[][]).flat());
					await logModeration(this.#db, boardId, peer.writer.participantId, events);
					await withhold(room, events);
					// Only an organiser changes the axes: a new axis gets its synthesis text.
					if (peer.writer.role === 'organiser') await this.#ensureSyntheses(boardId);
				}
			};
		}
		if (docName === SESSION_DOC) {
			return {
				check: checkSessionTransaction,
				accepted: (room) => this.#sessionChanged(room),
				// The instance that stored a session change reveals; the others only take note.
				remote: (room) => void this.#privateOn.set(room.boardId, isPrivatePhase(readSession(room.doc)))
			};
		}
		if (isPrivateDoc(docName)) {
			return {
				check: (tr, writer) =>
					checkTransaction(tr, writer, {
						session: this.session(boardId),
						target: 'private',
						axes: readMeta(this.#rooms.peek(boardId)!.doc).axes.map((a) => a.id)
					}),
				accepted: (room) => this.#privateChanged(room),
				remote: (room) => this.privateChangedElsewhere(room.boardId)
			};
		}
		throw new Error(`unknown document ${docName}`);
	}

	/** A room was loaded (inside the board's queue): remember the session's private state, to see it end; give every axis its synthesis text. */
	async opened(room: Room): Promise<void> {
		if (room.docName === BOARD_DOC) await this.#withholdStored(room);
		if (room.docName !== SESSION_DOC) return;
		this.#privateOn.set(room.boardId, isPrivatePhase(readSession(room.doc)));
		await this.#ensureSyntheses(room.boardId);
	}

	// Made by the server, once, so two consoles never create the same axis' text (one would be lost). Inside the board's queue.
	async #ensureSyntheses(boardId: string): Promise<void> {
		const session = this.#rooms.peek(boardId, SESSION_DOC);
		if (!session) return;
		const axes = readMeta((await this.#rooms.open(boardId)).doc).axes.map((a) => a.id);
		if (missingSyntheses(session.doc, axes).length === 0) return;
		try {
			await session.serverWrite((doc) => ensureSyntheses(doc, axes));
		} catch (err) {
			this.#log.error({ err, board: boardId }, 'could not create the synthesis texts');
		}
	}

	/** A board stored with hidden notes (from before withholding) is withheld as it loads. */
	async #withholdStored(room: Room): Promise<void> {
		const events = hiddenOnBoard(room.doc);
		if (events.length === 0) return;
		await logModeration(this.#db, room.boardId, null, events);
		await withhold(room, events);
	}

	forget(boardId: string): void {
		this.#privateOn.delete(boardId);
		this.#counts.delete(boardId);
	}

	/** Another instance changed a private document: the counts are read again from the database when next needed. */
	privateChangedElsewhere(boardId: string): void {
		this.#counts.delete(boardId);
	}

	async #sessionChanged(room: Room): Promise<void> {
		const session = readSession(room.doc);
		const now = isPrivatePhase(session);
		const before = this.#privateOn.get(room.boardId) ?? false;
		if (!before || now) return void this.#privateOn.set(room.boardId, now);
		// Leaving Collect also ends private writing, so the flag never says "private" while nothing is.
		if (session.privateWriting) await room.serverWrite((doc) => sessionOf(doc).set('privateWriting', false));
		await this.reveal(room.boardId);
		// Only once revealed: if storing failed (disk full), the next session change tries again.
		this.#privateOn.set(room.boardId, false);
	}

	/**
	 * Merges every private document's notes into the board (one server
	 * transaction, stored then broadcast), then empties the private documents.
	 * Idempotent: a note keeps its id, and an id already on the board under
	 * another author is skipped (a private note cannot overwrite a public one).
	 * Runs inside the board's queue (Rooms.run).
	 */
	async reveal(boardId: string): Promise<number> {
		const privateRooms = await this.#privateRooms(boardId);
		const notes: Note[] = privateRooms.flatMap(ownNotes);
		const board = await this.#rooms.open(boardId);
		await board.serverWrite((doc) => {
			const existing = new Map(readNotes(doc).map((n) => [n.id, n.authorId]));
			for (const note of notes) {
				const author = existing.get(note.id);
				if (author !== undefined && author !== note.authorId) continue;
				restoreNote(doc, { ...note, votes: {}, groupId: undefined, rank: undefined });
			}
		});
		for (const room of privateRooms) {
			await room.serverWrite((doc) => {
				for (const id of [...notesOf(doc).keys()]) notesOf(doc).delete(id);
			});
		}
		this.#counts.set(boardId, new Map());
		await this.#writeCounts(boardId, {});
		this.#log.info({ board: boardId, notes: notes.length }, 'private notes revealed');
		return notes.length;
	}

	async #privateRooms(boardId: string): Promise<Room[]> {
		const names = new Set(await privateDocNames(this.#db, boardId));
		for (const room of this.#rooms.loaded(boardId)) if (isPrivateDoc(room.docName)) names.add(room.docName);
		const rooms: Room[] = [];
		for (const name of names) rooms.push(await this.#rooms.open(boardId, name));
		return rooms;
	}

	/** Pre-moderation: the notes waiting for a facilitator, oldest first (none when it is off). Inside the board's queue. */
	async pending(boardId: string): Promise<Note[]> {
		await this.#rooms.open(boardId, SESSION_DOC);
		if (!this.session(boardId).premoderation) return [];
		return (await this.#privateRooms(boardId)).flatMap(ownNotes).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	}

	/**
	 * Pre-moderation: a facilitator's decision on a waiting note. Accepted, it
	 * goes onto the board (as a reveal would); either way it leaves its
	 * author's private document. Null when no note with this id is waiting.
	 * Inside the board's queue.
	 */
	async decide(boardId: string, noteId: string, accept: boolean): Promise<Note | null> {
		await this.#rooms.open(boardId, SESSION_DOC);
		if (!this.session(boardId).premoderation) return null;
		const room = (await this.#privateRooms(boardId)).find((r) => ownNotes(r).some((n) => n.id === noteId));
		const note = room && ownNotes(room).find((n) => n.id === noteId);
		if (!room || !note) return null;
		if (accept) {
			await (await this.#rooms.open(boardId)).serverWrite((doc) => {
				if (!notesOf(doc).has(note.id)) restoreNote(doc, { ...note, votes: {}, groupId: undefined, rank: undefined });
			});
		}
		await room.serverWrite((doc) => notesOf(doc).delete(noteId));
		await this.#privateChanged(room);
		return note;
	}

	async #privateChanged(room: Room): Promise<void> {
		const counts = await this.#countsOf(room.boardId);
		counts.set(participantOfPrivateDoc(room.docName), countByAxis(readNotes(room.doc)));
		const total: Counts = {};
		for (const perAxis of counts.values()) {
			for (const [axisId, n] of Object.entries(perAxis)) total[axisId] = (total[axisId] ?? 0) + n;
		}
		await this.#writeCounts(room.boardId, total);
	}

	async #countsOf(boardId: string): Promise<Map<string, Counts>> {
		const cached = this.#counts.get(boardId);
		if (cached) return cached;
		const counts = new Map<string, Counts>();
		for (const name of await privateDocNames(this.#db, boardId)) {
			const room = this.#rooms.peek(boardId, name);
			const doc = room ? room.doc : (await loadDoc(this.#db, boardId, name)).doc;
			counts.set(participantOfPrivateDoc(name), countByAxis(readNotes(doc)));
			if (!room) doc.destroy();
		}
		this.#counts.set(boardId, counts);
		return counts;
	}

	async #writeCounts(boardId: string, total: Counts): Promise<void> {
		const session = await this.#rooms.open(boardId, SESSION_DOC);
		if (sameCounts(readSession(session.doc).privateCounts, total)) return;
		await session.serverWrite((doc) => sessionOf(doc).set('privateCounts', total));
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
