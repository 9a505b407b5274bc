/**
 * One loaded document of a board (its notes, its session, or one
 * participant's private notes): its Y.Doc, awareness and connected peers. The
 * message receiver is here, in one place: decode → check the writer's rights
 * (the document's `DocRules`) → store → broadcast. Nothing is broadcast before
 * it is stored; a refused or unstorable update rolls the room back to what is
 * stored.
 */
import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import { canWriteContent } from '../../src/lib/shared/roles';
import { CloseCode, CloseReason } from '../../src/lib/shared/errors';
import { checkTransaction, type Writer } from '../../src/lib/board/validate';
import type { Db } from '../db/plugin';
import { appendUpdate, BOARD_DOC, compact, loadDoc } from './persistence';
import {
	decodeMessage, encodeSyncStep1, encodeSyncStep2, encodeSyncStep2Update, encodeUpdate, isEmptyStateVector, isEmptyUpdate, type Incoming
} from './protocol';
import { RoomAwareness, type AwarenessPeer } from './room-awareness';

export interface Peer extends AwarenessPeer {
	readonly writer: Writer;
	/** SHA-256 of the token the connection was opened with. */
	readonly tokenHash?: string;
	close(code: number, reason: string): void;
}

/** What a document accepts, and what happens after it accepted something. */
export interface DocRules {
	/** The rule a peer's transaction breaks (a close reason), or null. Runs before Yjs collects deleted content. */
	check(tr: Y.Transaction, writer: Writer): string | null;
	/** What to remember of an allowed transaction for `accepted` (deleted content is still readable here). */
	inspect?(tr: Y.Transaction, writer: Writer): unknown;
	/** The peer's update is stored and broadcast; `inspected` holds what `inspect` returned for it. */
	accepted?(room: Room, peer: Peer, inspected: unknown[]): void;
}

export interface RoomOptions {
	compactAfterUpdates: number;
	log: FastifyBaseLogger;
	/** Which of the board's documents (persistence.ts); the notes by default. */
	docName?: string;
	/** The board document's rules (validate.ts, no session) by default. */
	rules?: DocRules;
}

/** Origin of the server's own writes (reveal, moderation restore, private note counts): never checked. */
export const SERVER_ORIGIN = Symbol('server');

interface Applying {
	peer: Peer;
	violation: string | null;
	storageError: Error | null;
	inspected: unknown[];
}

const BOARD_RULES: DocRules = { check: (tr, writer) => checkTransaction(tr, writer) };

export class Room {
	readonly boardId: string;
	readonly docName: string;
	readonly peers = new Set<Peer>();
	/** Updates dropped because the sender's role cannot write (projectors). */
	droppedUpdates = 0;
	#db: Db;
	#options: RoomOptions;
	#doc!: Y.Doc;
	#lastUpdateId = 0;
	#tail = 0;
	#compactScheduled = false;
	#applying: Applying | null = null;
	#rules: DocRules;
	#serverError: Error | null = null;
	#awareness: RoomAwareness;
	/** The sync step 2 answer to an empty state vector, until the document changes. */
	#fullState: Uint8Array | null = null;

	constructor(db: Db, boardId: string, options: RoomOptions) {
		this.#db = db;
		this.boardId = boardId;
		this.docName = options.docName ?? BOARD_DOC;
		this.#rules = options.rules ?? BOARD_RULES;
		this.#options = options;
		this.#awareness = new RoomAwareness(this.peers);
		this.#load();
	}

	get doc(): Y.Doc {
		return this.#doc;
	}

	/** Stored updates not yet folded into the snapshot. */
	get tailLength(): number {
		return this.#tail;
	}

	/** Sends the presence changes merged so far now, instead of at the end of their window (tests). */
	flushAwareness(): void {
		this.#awareness.flush();
	}

	join(peer: Peer): void {
		this.peers.add(peer);
		peer.send(encodeSyncStep1(this.#doc));
		const states = this.#awareness.states(peer);
		if (states) peer.send(states);
	}

	leave(peer: Peer): void {
		if (!this.peers.delete(peer)) return;
		this.#awareness.remove(peer);
	}

	/** The message receiver: every frame from every peer goes through here. */
	receive(peer: Peer, data: Uint8Array): void {
		let message: Incoming;
		try {
			message = decodeMessage(data);
		} catch (err) {
			return this.#reject(peer, CloseCode.malformed, CloseReason.malformed, err as Error);
		}
		switch (message.type) {
			case 'syncStep1':
				try {
					return peer.send(this.#syncStep2(message.stateVector));
				} catch (err) {
					return this.#reject(peer, CloseCode.malformed, CloseReason.malformed, err as Error);
				}
			case 'update':
				return this.#applyUpdate(peer, message.update);
			case 'awareness':
				try {
					return this.#awareness.apply(peer, message.update);
				} catch (err) {
					return this.#reject(peer, CloseCode.malformed, CloseReason.malformed, err as Error);
				}
			case 'queryAwareness': {
				const states = this.#awareness.states(peer);
				return states ? peer.send(states) : undefined;
			}
		}
	}

	/**
	 * Every client that opens the board starts from an empty document and asks
	 * for all of it: that answer is encoded once per version of the document,
	 * not once per client (a join storm of 100 clients on a 2,000-note board
	 * otherwise spends nearly all its CPU re-encoding the same state).
	 */
	#syncStep2(stateVector: Uint8Array): Uint8Array {
		if (!isEmptyStateVector(stateVector)) return encodeSyncStep2(this.#doc, stateVector);
		return (this.#fullState ??= encodeSyncStep2(this.#doc, stateVector));
	}

	#applyUpdate(peer: Peer, update: Uint8Array): void {
		if (!canWriteContent(peer.writer.role)) {
			// Every client answers the server's sync step 1 with its (empty) step 2: not a write.
			if (isEmptyUpdate(update)) return;
			this.droppedUpdates++;
			this.#options.log.warn({ board: this.boardId, dropped: this.droppedUpdates }, 'update from a read-only connection dropped');
			return;
		}
		const applying: Applying = { peer, violation: null, storageError: null, inspected: [] };
		this.#applying = applying;
		let thrown: Error | null = null;
		try {
			Y.applyUpdate(this.#doc, update, peer);
		} catch (err) {
			thrown = err as Error;
		} finally {
			this.#applying = null;
		}
		if (thrown) return this.#rollback(peer, CloseCode.malformed, CloseReason.malformed, thrown);
		if (applying.violation) {
			const reason = `${CloseReason.refused}:${applying.violation}`;
			return this.#rollback(peer, CloseCode.refused, reason, new Error(applying.violation));
		}
		if (applying.storageError) {
			return this.#rollback(peer, CloseCode.storageFull, CloseReason.storageFull, applying.storageError);
		}
		try {
			this.#rules.accepted?.(this, peer, applying.inspected);
		} catch (err) {
			// The peer's update is stored and sent; what follows from it (a reveal, a log line) failed on its own.
			this.#options.log.error({ err, board: this.boardId, doc: this.docName }, 'follow-up of an accepted update failed');
		}
	}

	/**
	 * A write by the server itself, stored then broadcast to every peer like
	 * any update. If it cannot be stored, the room goes back to what is stored
	 * and the error is thrown.
	 */
	serverWrite(write: (doc: Y.Doc) => void): void {
		this.#serverError = null;
		this.#doc.transact(() => write(this.#doc), SERVER_ORIGIN);
		const err = this.#serverError as Error | null;
		if (!err) return;
		this.#serverError = null;
		this.#unbind();
		this.#load();
		throw err;
	}

	#onAfterTransaction = (tr: Y.Transaction) => {
		const applying = this.#applying;
		if (applying && tr.origin === applying.peer && !applying.violation) {
			applying.violation = this.#rules.check(tr, applying.peer.writer);
			if (!applying.violation && this.#rules.inspect) {
				applying.inspected.push(this.#rules.inspect(tr, applying.peer.writer));
			}
		}
	};

	/** Store, then broadcast: what a peer sees is already durable. */
	#onUpdate = (update: Uint8Array, origin: unknown) => {
		this.#fullState = null;
		const applying = this.#applying;
		if (applying && origin === applying.peer && (applying.violation || applying.storageError)) return;
		try {
			this.#lastUpdateId = appendUpdate(this.#db, this.boardId, update, this.docName);
		} catch (err) {
			if (applying && origin === applying.peer) applying.storageError = err as Error;
			else if (origin === SERVER_ORIGIN) this.#serverError = err as Error;
			else this.#options.log.error({ err, board: this.boardId }, 'could not store a server-side update');
			return;
		}
		const message = encodeUpdate(update);
		for (const other of this.peers) if (other !== origin) other.send(message);
		this.#tail++;
		if (this.#tail >= this.#options.compactAfterUpdates) this.#scheduleCompaction();
	};

	#reject(peer: Peer, code: number, reason: string, err: Error): void {
		this.#options.log.warn({ board: this.boardId, code, reason, detail: err.message }, 'connection closed: bad message');
		this.leave(peer);
		peer.close(code, reason);
	}

	/** Back to exactly what is stored (= what peers were sent), then close the sender. */
	#rollback(peer: Peer, code: number, reason: string, err: Error): void {
		this.#unbind();
		this.#load();
		this.#reject(peer, code, reason, err);
	}

	#load(): void {
		const loaded = loadDoc(this.#db, this.boardId, this.docName);
		// A board loaded from its snapshot alone answers its first client without encoding anything:
		// on a cold server that first encoding is the slowest (code not yet optimised by V8).
		this.#fullState = loaded.wholeState ? encodeSyncStep2Update(loaded.wholeState) : null;
		this.#doc = loaded.doc;
		this.#lastUpdateId = loaded.lastUpdateId;
		this.#tail = loaded.tailLength;
		this.#doc.on('afterTransaction', this.#onAfterTransaction);
		this.#doc.on('update', this.#onUpdate);
	}

	#unbind(): void {
		this.#doc.off('afterTransaction', this.#onAfterTransaction);
		this.#doc.off('update', this.#onUpdate);
		this.#doc.destroy();
	}

	#scheduleCompaction(): void {
		if (this.#compactScheduled) return;
		this.#compactScheduled = true;
		setImmediate(() => {
			this.#compactScheduled = false;
			this.compact();
		});
	}

	/** Folds the tail into the snapshot. Safe to call any time: the doc holds every stored update. */
	compact(): void {
		if (this.#tail === 0 || this.#doc === undefined) return;
		try {
			compact(this.#db, this.boardId, Y.encodeStateAsUpdate(this.#doc), this.#lastUpdateId, this.docName);
			this.#tail = 0;
		} catch (err) {
			this.#options.log.error({ err, board: this.boardId }, 'compaction failed; the tail is kept');
		}
	}

	/** Closes every connection (e.g. board deleted, server stopping) and frees memory. */
	destroy(code: number = CloseCode.shutdown, reason: string = CloseReason.shutdown): void {
		for (const peer of [...this.peers]) {
			this.leave(peer);
			peer.close(code, reason);
		}
		this.#awareness.destroy();
		this.#unbind();
	}
}
