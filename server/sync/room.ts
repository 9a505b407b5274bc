/**
 * One loaded document of a board (its notes, its session, or one
 * participant's private notes): its Y.Doc, awareness and connected peers. The
 * message receiver is here, in one place: decode → check the writer's rights
 * (the document's `DocRules`) → store → broadcast, one message at a time per
 * board (the board's queue, rooms.ts), so the store's answer comes before the
 * next message is looked at even though storing is asynchronous. Nothing is
 * broadcast before it is stored; a refused or unstorable update rolls the room
 * back to what is stored. With several instances, an append is conditional on
 * the board's sequence number the update was checked against: if another
 * instance appended first, the room catches up, checks again and retries.
 */
import * as Y from 'yjs';
import type { FastifyBaseLogger } from 'fastify';
import { canWriteContent } from '../../src/lib/shared/roles';
import { CloseCode, CloseReason } from '../../src/lib/shared/errors';
import { checkTransaction, type Writer } from '../../src/lib/board/validate';
import { Violation } from '../../src/lib/board/violations';
import type { Db } from '../db/plugin';
import type { BusMessage } from './bus';
import { BOARD_DOC, loadDoc, type Loaded } from './persistence';
import {
	decodeMessage, encodeSyncStep1, encodeSyncStep2, isEmptyStateVector, isEmptyUpdate, type Incoming
} from './protocol';
import { RoomAwareness, type AwarenessPeer } from './room-awareness';
import { RoomBroadcast } from './room-broadcast';
import { JoinAnswer } from './join-answer';
import { missingFrom, stateOf } from './doc-diff';

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
	/** The peer's update is stored and broadcast; `inspected` holds what `inspect` returned for it. Runs in the board's queue. */
	accepted?(room: Room, peer: Peer, inspected: unknown[]): Promise<void> | void;
	/** Another instance's update was applied here. */
	remote?(room: Room): void;
}

/**
 * The room's view of its board (rooms.ts): the sequence number every loaded
 * room of the board is at, the queue its messages go through, the bus.
 */
export interface BoardLog {
	readonly boardId: string;
	/** The last sequence number applied here: every loaded room includes every update of its document up to it. */
	seq: number;
	/** Runs `task` after every task queued before it for this board. */
	run<T>(task: () => Promise<T> | T): Promise<T>;
	/** Applies what was stored since `seq` to the loaded rooms (another instance appended). Call inside a task. */
	catchUp(): Promise<void>;
	/** The board's rooms cannot be trusted any more (the database is unreachable): close them all. */
	broken(err: Error): void;
	publish(message: BusMessage): void;
	/** Other instances may have the board open (a shared bus): presence is published for them. */
	readonly clustered: boolean;
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
/** Origin of updates another instance stored: applied and relayed, never stored again. */
const REMOTE_ORIGIN = Symbol('remote');

const ASK_AGAIN_AFTER_MS = 1_000;

/** Appends lost to other instances in a row before the writer is told to retry later (a board that busy is not one). */
const MAX_CONFLICTS = 100;

interface Applying {
	peer: Peer;
	violation: string | null;
	inspected: unknown[];
	/** The update Yjs produced from the peer's message (what is stored), or null if it changed nothing. */
	produced: Uint8Array | null;
	/** Some of the message went into the document (structs or deletions), even if the rest waits for what it builds on. */
	integrated: boolean;
}

/** The transaction added structs (some client's clock moved) or deleted something. */
function integratedAny(tr: Y.Transaction): boolean {
	if (tr.deleteSet.clients.size > 0) return true;
	for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
	return false;
}

const BOARD_RULES: DocRules = { check: (tr, writer) => checkTransaction(tr, writer) };

export class StorageConflict extends Error {}

export class Room {
	readonly boardId: string;
	readonly docName: string;
	readonly peers = new Set<Peer>();
	/** Updates dropped because the sender's role cannot write (projectors). */
	droppedUpdates = 0;
	#db: Db;
	#board: BoardLog;
	#options: RoomOptions;
	#doc!: Y.Doc;
	#tail = 0;
	#compactScheduled = false;
	#applying: Applying | null = null;
	#rules: DocRules;
	/** What the current serverWrite produced. */
	#serverProduced: Uint8Array | null = null;
	/** The document the peers were sent, while a conflict's catch-up runs on its reloaded copy (reloadOrBreak). */
	#peersDoc: Y.Doc | null = null;
	/** When each peer was last asked for what it has and this document lacks (askForMissing). */
	#askedAt = new WeakMap<Peer, number>();
	#awareness: RoomAwareness;
	#broadcast: RoomBroadcast<Peer>;
	/** The answer to an empty state vector (join-answer.ts). */
	#joinAnswer = new JoinAnswer();
	#destroyed = false;

	/** Loads the document from the store (call inside the board's queue: rooms.ts). */
	static async load(db: Db, board: BoardLog, options: RoomOptions): Promise<{ room: Room; head: number }> {
		const loaded = await loadDoc(db, board.boardId, options.docName ?? BOARD_DOC);
		return { room: new Room(db, board, options, loaded), head: loaded.head };
	}

	private constructor(db: Db, board: BoardLog, options: RoomOptions, loaded: Loaded) {
		this.#db = db;
		this.#board = board;
		this.boardId = board.boardId;
		this.docName = options.docName ?? BOARD_DOC;
		this.#rules = options.rules ?? BOARD_RULES;
		this.#options = options;
		this.#awareness = new RoomAwareness(
			this.peers,
			board.clustered ? (data, present) => board.publish({ type: 'presence', doc: this.docName, data, present }) : null
		);
		this.#broadcast = new RoomBroadcast(this.peers);
		this.#bind(loaded);
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
		this.#broadcast.joined(peer);
		peer.send(encodeSyncStep1(this.#doc));
		const states = this.#awareness.states(peer);
		if (states) peer.send(states);
	}

	leave(peer: Peer): void {
		if (!this.peers.delete(peer)) return;
		this.#broadcast.left(peer);
		this.#awareness.remove(peer);
	}

	/**
	 * The message receiver: every frame from every peer goes through here.
	 * Resolves once the message is handled (stored and sent on, or refused).
	 */
	receive(peer: Peer, data: Uint8Array): Promise<void> {
		let message: Incoming;
		try {
			message = decodeMessage(data);
		} catch (err) {
			this.#reject(peer, CloseCode.malformed, CloseReason.malformed, err as Error);
			return Promise.resolve();
		}
		switch (message.type) {
			case 'syncStep1': {
				const { stateVector } = message;
				// Queued: while an update is being stored, the document holds it, and no one may read it yet.
				return this.#queued(() => {
					if (!this.peers.has(peer)) return;
					try {
						for (const message of this.#syncStep2(stateVector)) peer.send(message);
					} catch (err) {
						this.#reject(peer, CloseCode.malformed, CloseReason.malformed, err as Error);
					}
				});
			}
			case 'update': {
				const { update } = message;
				return this.#queued(() => this.#applyUpdate(peer, update));
			}
			case 'awareness':
				try {
					// Presence is never stored: the other instances hear it from the bus only (room-awareness.ts).
					this.#awareness.apply(peer, message.update);
				} catch (err) {
					this.#reject(peer, CloseCode.malformed, CloseReason.malformed, err as Error);
				}
				return Promise.resolve();
			case 'queryAwareness': {
				const states = this.#awareness.states(peer);
				if (states) peer.send(states);
				return Promise.resolve();
			}
		}
	}

	/** In the board's queue; a task that fails is logged there (rooms.ts), and the connection goes on. */
	#queued(task: () => Promise<void> | void): Promise<void> {
		return this.#board.run(task).catch((err: Error) => {
			this.#options.log.error({ err, board: this.boardId, doc: this.docName }, 'a message could not be handled');
		});
	}

	/** What another instance published of its peers' presence (room-awareness.ts). */
	remoteAwareness(from: string, update: Uint8Array, present: number): void {
		try {
			this.#awareness.applyRemote(from, update, present);
		} catch (err) {
			this.#options.log.warn({ err, board: this.boardId, doc: this.docName }, 'malformed presence from another instance ignored');
		}
	}

	/** The answer to a sync step 1: a client opening the board (empty state vector) gets the shared answer. */
	#syncStep2(stateVector: Uint8Array): Uint8Array[] {
		if (!isEmptyStateVector(stateVector)) return [encodeSyncStep2(this.#doc, stateVector)];
		return this.#joinAnswer.messages(this.#doc);
	}

	async #applyUpdate(peer: Peer, update: Uint8Array): Promise<void> {
		// Closed (refused, revoked, gone) while this message waited in the queue.
		if (!this.peers.has(peer) || this.#destroyed) return;
		if (!canWriteContent(peer.writer.role)) {
			// Every client answers the server's sync step 1 with its (empty) step 2: not a write.
			if (isEmptyUpdate(update)) return;
			this.droppedUpdates++;
			this.#options.log.warn({ board: this.boardId, dropped: this.droppedUpdates }, 'update from a read-only connection dropped');
			return;
		}
		if (this.incomplete) {
			// The document itself misses something the store has: mend it before judging the peer's update by it.
			this.#options.log.error({ board: this.boardId, doc: this.docName }, 'the document lacked stored updates: reloaded');
			try {
				await this.reload();
			} catch (err) {
				return this.#board.broken(err as Error);
			}
		}
		for (let conflicts = 0; ; conflicts++) {
			const afterSeq = this.#board.seq;
			const applying: Applying = { peer, violation: null, inspected: [], produced: null, integrated: false };
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
			if (applying.violation === Violation.incomplete) {
				// Built on edits this server has not seen yet: a client reconnecting (after an instance died, or a
				// restart) sends its first keystrokes before its answer to our sync step 1, which holds them all.
				// Dropped, not refused, and the peer is asked again: its answer brings the update with what it needs.
				this.#options.log.debug({ board: this.boardId, doc: this.docName }, 'update ahead of its dependencies dropped');
				if (!applying.integrated) {
					// None of it went in (the document was complete before it): setting the waiting part aside leaves
					// the document exactly as stored, without reloading it (a whole hall reconnecting after a restart).
					this.#doc.store.pendingStructs = null;
					this.#doc.store.pendingDs = null;
				} else if (!(await this.#reloadOrBreak(null))) return;
				this.#askForMissing(peer);
				return;
			}
			if (applying.violation) {
				const reason = `${CloseReason.refused}:${applying.violation}`;
				return this.#rollback(peer, CloseCode.refused, reason, new Error(applying.violation));
			}
			if (!applying.produced) return; // nothing new (a duplicate)
			let seq: number | 'conflict';
			try {
				seq = conflicts < MAX_CONFLICTS ? await this.#db.store.append(this.boardId, this.docName, applying.produced, afterSeq) : 'conflict';
			} catch (err) {
				return this.#rollback(peer, CloseCode.storageFull, CloseReason.storageFull, err as Error);
			}
			if (seq === 'conflict') {
				if (conflicts >= MAX_CONFLICTS) {
					return this.#rollback(peer, CloseCode.storageFull, CloseReason.storageFull, new StorageConflict('too many conflicting appends'));
				}
				// Another instance appended first: back to what is stored, take its updates, check this one again.
				if (!(await this.#reloadOrBreak(afterSeq))) return;
				continue;
			}
			this.#committed(applying.produced, peer, seq);
			try {
				await this.#rules.accepted?.(this, peer, applying.inspected);
			} catch (err) {
				// The peer's update is stored and sent; what follows from it (a reveal, a log line) failed on its own.
				this.#options.log.error({ err, board: this.boardId, doc: this.docName }, 'follow-up of an accepted update failed');
			}
			return;
		}
	}

	/**
	 * A write by the server itself, stored then broadcast to every peer like
	 * any update (call inside the board's queue). `write` may run again after a
	 * conflict, on the newer document. If it cannot be stored, the room goes
	 * back to what is stored and the error is thrown.
	 */
	async serverWrite(write: (doc: Y.Doc) => void): Promise<void> {
		for (let conflicts = 0; ; conflicts++) {
			const afterSeq = this.#board.seq;
			this.#serverProduced = null;
			this.#doc.transact(() => write(this.#doc), SERVER_ORIGIN);
			const produced = this.#serverProduced as Uint8Array | null;
			this.#serverProduced = null;
			if (!produced) return;
			let seq: number | 'conflict';
			try {
				seq = await this.#db.store.append(this.boardId, this.docName, produced, afterSeq);
			} catch (err) {
				await this.#reloadOrBreak(null);
				throw err;
			}
			if (seq === 'conflict') {
				if (conflicts >= MAX_CONFLICTS || !(await this.#reloadOrBreak(afterSeq))) throw new StorageConflict('the board kept changing');
				continue;
			}
			return this.#committed(produced, null, seq);
		}
	}

	/**
	 * A sync step 1 to the peer: every client (y-websocket's included) answers
	 * with what it holds that this document lacks. At most once a second per
	 * peer, in case a client's answer can never be complete.
	 */
	#askForMissing(peer: Peer): void {
		const now = Date.now();
		if (now - (this.#askedAt.get(peer) ?? 0) < ASK_AGAIN_AFTER_MS) return;
		this.#askedAt.set(peer, now);
		peer.send(encodeSyncStep1(this.#doc));
	}

	/** The document holds updates whose dependencies it lacks: it missed some (a reload mends it). */
	get incomplete(): boolean {
		return this.#doc.store.pendingStructs !== null || this.#doc.store.pendingDs !== null;
	}

	/** Stored at `seq`: now the peers here and the other instances may have it. */
	#committed(update: Uint8Array, origin: Peer | null, seq: number): void {
		this.#board.seq = Math.max(this.#board.seq, seq);
		this.#broadcast.send(update, origin);
		this.#board.publish({ type: 'update', seq, doc: this.docName, data: update });
		this.#grown();
	}

	/** An update stored by another instance (or found in the log): applied and relayed, already stored. */
	applyStored(update: Uint8Array): void {
		Y.applyUpdate(this.#doc, update, REMOTE_ORIGIN);
		// Sent even if the document had it already: after a conflict's reload the peers here do not have it yet.
		this.#broadcast.send(update, null);
		this.#grown();
		this.#rules.remote?.(this);
	}

	#grown(): void {
		this.#tail++;
		if (this.#tail >= this.#options.compactAfterUpdates) this.#scheduleCompaction();
	}

	#onAfterTransaction = (tr: Y.Transaction) => {
		const applying = this.#applying;
		if (applying && tr.origin === applying.peer && !applying.violation) {
			applying.integrated ||= integratedAny(tr);
			applying.violation = this.#rules.check(tr, applying.peer.writer);
			if (!applying.violation && this.#rules.inspect) {
				applying.inspected.push(this.#rules.inspect(tr, applying.peer.writer));
			}
		}
	};

	/** Collects what a peer's message or a server write produced; storing and sending follow (above). */
	#onUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
		this.#joinAnswer.changed(update, tr.deleteSet.clients.size > 0);
		if (origin === REMOTE_ORIGIN) return;
		const applying = this.#applying;
		if (applying && origin === applying.peer) {
			if (!applying.violation) applying.produced = applying.produced ? Y.mergeUpdates([applying.produced, update]) : update;
		} else if (origin === SERVER_ORIGIN) {
			this.#serverProduced = this.#serverProduced ? Y.mergeUpdates([this.#serverProduced, update]) : update;
		} else {
			this.#options.log.error({ board: this.boardId, doc: this.docName }, 'a write outside serverWrite was not stored');
		}
	};

	#reject(peer: Peer, code: number, reason: string, err: Error): void {
		this.#options.log.warn({ board: this.boardId, code, reason, detail: err.message }, 'connection closed: bad message');
		this.leave(peer);
		peer.close(code, reason);
	}

	/** Back to exactly what is stored (= what peers were sent), then close the sender. */
	async #rollback(peer: Peer, code: number, reason: string, err: Error): Promise<void> {
		this.#reject(peer, code, reason, err);
		await this.#reloadOrBreak(null);
	}

	/**
	 * Back to exactly what is stored, the peers told nothing: the document
	 * differed from the store only by the update being refused. With
	 * `catchUpFrom` (a conflict), what was stored after it is then applied and
	 * sent as the log has it. If the store cannot be read, the board's rooms
	 * close (BoardLog.broken): false.
	 */
	async #reloadOrBreak(catchUpFrom: number | null): Promise<boolean> {
		try {
			const previous = this.#swap(await loadDoc(this.#db, this.boardId, this.docName));
			if (!previous) return true;
			try {
				if (catchUpFrom !== null) {
					// Should the log have lost some of it to a compaction, reload() sends the difference from this one.
					this.#peersDoc = previous;
					this.#board.seq = Math.min(this.#board.seq, catchUpFrom);
					await this.#board.catchUp();
				}
			} finally {
				this.#peersDoc = null;
				previous.destroy();
			}
			return true;
		} catch (err) {
			this.#board.broken(err as Error);
			return false;
		}
	}

	/**
	 * Back to what is stored (inside the board's queue) when this instance
	 * missed updates (compacted before it read them, or lost): the peers are
	 * sent what the store holds beyond what they were sent (doc-diff.ts).
	 * Throws if the store cannot be read.
	 */
	async reload(): Promise<void> {
		const loaded = await loadDoc(this.#db, this.boardId, this.docName);
		const sent = stateOf(this.#peersDoc ?? this.#doc);
		this.#peersDoc = null;
		const previous = this.#swap(loaded);
		if (!previous) return;
		previous.destroy();
		const missing = missingFrom(sent, this.#doc);
		if (!missing) return;
		this.#broadcast.send(missing, null);
		this.#rules.remote?.(this);
	}

	/** Puts the loaded document in place of the current one, returned (not destroyed); null if the room is gone. */
	#swap(loaded: Loaded): Y.Doc | null {
		if (this.#destroyed) {
			loaded.doc.destroy();
			return null;
		}
		const previous = this.#doc;
		this.#unbind();
		this.#bind(loaded);
		return previous;
	}

	#bind(loaded: Loaded): void {
		// A board loaded from its snapshot alone answers its first client without encoding anything:
		// on a cold server that first encoding is the slowest (code not yet optimised by V8).
		this.#joinAnswer.reset(loaded.wholeState);
		this.#doc = loaded.doc;
		this.#tail = loaded.tailLength;
		this.#doc.on('afterTransaction', this.#onAfterTransaction);
		this.#doc.on('update', this.#onUpdate);
	}

	#unbind(): void {
		this.#doc.off('afterTransaction', this.#onAfterTransaction);
		this.#doc.off('update', this.#onUpdate);
	}

	#scheduleCompaction(): void {
		if (this.#compactScheduled) return;
		this.#compactScheduled = true;
		setImmediate(() => {
			this.#compactScheduled = false;
			this.#board.run(() => this.compact()).catch(() => undefined); // compact() logs its own failure
		});
	}

	/** Folds the tail into the snapshot (call inside the board's queue: the doc then holds every update up to the board's seq). */
	async compact(): Promise<void> {
		if (this.#tail === 0 || this.#destroyed) return;
		try {
			await this.#db.store.compact(this.boardId, this.docName, Y.encodeStateAsUpdate(this.#doc), this.#board.seq);
			this.#tail = 0;
		} catch (err) {
			this.#options.log.error({ err, board: this.boardId }, 'compaction failed; the tail is kept');
		}
	}

	/** Closes every connection (e.g. board deleted, server stopping) and frees memory. */
	destroy(code: number = CloseCode.shutdown, reason: string = CloseReason.shutdown): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		for (const peer of [...this.peers]) {
			this.leave(peer);
			peer.close(code, reason);
		}
		this.#awareness.destroy();
		this.#broadcast.destroy();
		this.#unbind();
		this.#doc.destroy();
	}
}
