/**
 * The loaded boards: for each, its documents' rooms, the one queue all its
 * messages go through (Hocuspocus runs one per document; here one per board,
 * because the write rules of one document read the others), its sequence
 * number, and its bus subscription. A board's rooms load on first need —
 * the session first, the notes before a private document, since the rules
 * read them — and unload together a while after the board's last
 * connection leaves, compacted first.
 *
 * From the bus (other instances): updates are applied in sequence order,
 * duplicates dropped, and a gap (a lost message) filled from the database.
 */
import type { FastifyBaseLogger } from 'fastify';
import { CloseCode, CloseReason } from '../../src/lib/shared/errors';
import type { Db } from '../db/plugin';
import type { Bus, BusMessage } from './bus';
import { Facilitation } from './facilitation';
import { BOARD_DOC, isPrivateDoc, SESSION_DOC } from './persistence';
import { Room, type BoardLog, type Peer } from './room';

export interface RoomsOptions {
	compactAfterUpdates: number;
	unloadAfterMs: number;
	log: FastifyBaseLogger;
}

class LoadedBoard implements BoardLog {
	readonly boardId: string;
	/** -1 until its first room is loaded. */
	seq = -1;
	readonly rooms = new Map<string, Room>();
	unloadTimer: NodeJS.Timeout | null = null;
	pending = 0;
	#queue: Promise<unknown> = Promise.resolve();
	#owner: Rooms;
	#unsubscribe: () => void;

	constructor(boardId: string, owner: Rooms, bus: Bus) {
		this.boardId = boardId;
		this.#owner = owner;
		this.#unsubscribe = bus.subscribe(boardId, (message, from) => owner.background(this.run(() => owner.fromBus(this, message, from)), boardId));
		this.publish = (message) => bus.publish(boardId, message);
		this.clustered = bus.kind !== 'local';
	}

	publish: (message: BusMessage) => void;
	readonly clustered: boolean;

	run<T>(task: () => Promise<T> | T): Promise<T> {
		this.pending++;
		const result = this.#queue.then(task);
		// The caller sees a failure; the queue goes on.
		this.#queue = result.then(
			() => this.#settled(),
			() => this.#settled()
		);
		return result;
	}

	#settled(): void {
		this.pending--;
		if (this.pending === 0 && this.rooms.size === 0 && !this.unloadTimer) this.#owner.forget(this);
	}

	catchUp(): Promise<void> {
		return this.#owner.catchUp(this);
	}

	broken(err: Error): void {
		this.#owner.log.error({ err, board: this.boardId }, 'the database cannot be read: the board closes its connections');
		this.close(CloseCode.storageFull, CloseReason.storageFull);
	}

	close(code?: number, reason?: string): void {
		if (this.unloadTimer) clearTimeout(this.unloadTimer);
		this.unloadTimer = null;
		for (const room of this.rooms.values()) room.destroy(code, reason);
		this.rooms.clear();
		this.seq = -1;
	}

	unsubscribe(): void {
		this.#unsubscribe();
	}
}

export class Rooms {
	#boards = new Map<string, LoadedBoard>();
	#db: Db;
	#bus: Bus;
	#options: RoomsOptions;
	readonly facilitation: Facilitation;
	readonly log: FastifyBaseLogger;

	constructor(db: Db, bus: Bus, options: RoomsOptions) {
		this.#db = db;
		this.#bus = bus;
		this.#options = options;
		this.log = options.log;
		this.facilitation = new Facilitation(this, db, options.log);
		// Messages may have been lost while the bus was away: every loaded board reads what it missed.
		bus.onResync(() => {
			for (const board of this.#boards.values()) this.background(board.run(() => this.catchUp(board)), board.boardId);
		});
	}

	/** Loaded rooms, all boards together. */
	get size(): number {
		let n = 0;
		for (const board of this.#boards.values()) n += board.rooms.size;
		return n;
	}

	#board(boardId: string): LoadedBoard {
		let board = this.#boards.get(boardId);
		if (!board) this.#boards.set(boardId, (board = new LoadedBoard(boardId, this, this.#bus)));
		return board;
	}

	/** Runs `task` in the board's queue, after everything queued before it (reads and writes of its rooms go here). */
	run<T>(boardId: string, task: () => Promise<T> | T): Promise<T> {
		return this.#board(boardId).run(task);
	}

	/**
	 * The room a connection joins, loaded if needed; `peer` joins it in the
	 * same task, so an unload queued meanwhile (its timer may fire while the
	 * database answers) sees the connection and keeps the board.
	 */
	connect(boardId: string, docName: string = BOARD_DOC, peer?: Peer): Promise<Room> {
		const board = this.#board(boardId);
		this.#cancelUnload(board);
		return board.run(async () => {
			const room = await this.open(boardId, docName);
			this.#cancelUnload(board);
			if (peer) {
				room.join(peer);
				this.#reportConnected(boardId);
			}
			return room;
		});
	}

	/** The board's connections here, for the other instances' event pages (bus.ts). */
	#reportConnected(boardId: string): void {
		this.#bus.reportConnected(boardId, this.peek(boardId)?.peers.size ?? 0);
	}

	/** Connections to the board's notes on the other instances. */
	connectedElsewhere(boardId: string): Promise<number> {
		return this.#bus.connectedElsewhere(boardId);
	}

	/**
	 * The room, loading it (and the documents its rules read) if needed. Call
	 * inside the board's queue (`run`). If nobody connects, it unloads later
	 * as if its last connection had left.
	 */
	async open(boardId: string, docName: string = BOARD_DOC): Promise<Room> {
		const board = this.#board(boardId);
		const existing = board.rooms.get(docName);
		if (existing) return existing;
		if (docName !== SESSION_DOC) await this.open(boardId, SESSION_DOC);
		if (isPrivateDoc(docName)) await this.open(boardId, BOARD_DOC);
		const rules = this.facilitation.rulesFor(boardId, docName);
		const { room, head } = await Room.load(this.#db, board, { ...this.#options, docName, rules });
		board.rooms.set(docName, room);
		if (board.seq < 0) board.seq = head;
		else if (head > board.seq) await this.catchUp(board);
		await this.facilitation.opened(room);
		if (this.peerCount(boardId) === 0) this.#scheduleUnload(board);
		return room;
	}

	peek(boardId: string, docName: string = BOARD_DOC): Room | undefined {
		return this.#boards.get(boardId)?.rooms.get(docName);
	}

	/** The board's loaded rooms. */
	loaded(boardId: string): Room[] {
		return [...(this.#boards.get(boardId)?.rooms.values() ?? [])];
	}

	/** Connections to any of the board's documents, here. */
	peerCount(boardId: string): number {
		return this.loaded(boardId).reduce((n, room) => n + room.peers.size, 0);
	}

	/** Called when a connection leaves; a board without connections unloads after `unloadAfterMs`. */
	released(room: Room): void {
		this.#reportConnected(room.boardId);
		const board = this.#boards.get(room.boardId);
		if (board && board.rooms.get(room.docName) === room && this.peerCount(room.boardId) === 0) this.#scheduleUnload(board);
	}

	#scheduleUnload(board: LoadedBoard): void {
		this.#cancelUnload(board);
		board.unloadTimer = setTimeout(() => {
			board.unloadTimer = null;
			this.background(board.run(() => this.#unload(board)), board.boardId);
		}, this.#options.unloadAfterMs);
		board.unloadTimer.unref();
	}

	#cancelUnload(board: LoadedBoard): void {
		if (board.unloadTimer) clearTimeout(board.unloadTimer);
		board.unloadTimer = null;
	}

	async #unload(board: LoadedBoard): Promise<void> {
		if (board.unloadTimer || this.peerCount(board.boardId) > 0) return;
		for (const room of board.rooms.values()) await room.compact();
		board.close();
		this.facilitation.forget(board.boardId);
	}

	/** A task nobody waits for: its failure is logged, never left unhandled. */
	background(task: Promise<unknown>, boardId: string): void {
		task.catch((err) => this.log.error({ err, board: boardId }, 'a background task of the board failed'));
	}

	/** Drops a board with no room and no task left (LoadedBoard calls it). */
	forget(board: LoadedBoard): void {
		if (this.#boards.get(board.boardId) !== board) return;
		board.unsubscribe();
		this.#boards.delete(board.boardId);
	}

	/**
	 * Applies what the database holds after the board's seq to its loaded
	 * rooms, in order. Inside the board's queue. A room whose document another
	 * instance compacted past that seq reloads from the store instead: the log
	 * no longer has all it missed (an instance that fell behind while the bus was away).
	 */
	async catchUp(board: LoadedBoard): Promise<void> {
		if (board.seq < 0 || board.rooms.size === 0) return;
		const { updates, folded } = await this.#db.store.since(board.boardId, board.seq);
		for (const doc of folded) {
			const room = board.rooms.get(doc);
			if (room) await room.reload();
			else if (isPrivateDoc(doc)) this.facilitation.privateChangedElsewhere(board.boardId);
		}
		for (const row of updates) await this.#applyStored(board, row.doc, row.data, row.seq);
	}

	async #applyStored(board: LoadedBoard, doc: string, data: Uint8Array, seq: number): Promise<void> {
		board.seq = seq;
		const room = board.rooms.get(doc);
		if (!room) {
			if (isPrivateDoc(doc)) this.facilitation.privateChangedElsewhere(board.boardId);
			return;
		}
		room.applyStored(data);
		if (!room.incomplete) return;
		// Stored updates arrive in order, each after what it builds on: a gap means this instance missed one.
		this.log.error({ board: board.boardId, doc, seq }, 'an update from another instance lacked what it builds on: the document is reloaded');
		await room.reload();
	}

	/** A message from another instance, in the board's queue. */
	async fromBus(board: LoadedBoard, message: BusMessage, from: string): Promise<void> {
		switch (message.type) {
			case 'update':
				if (board.seq < 0 || message.seq <= board.seq) return; // not loaded here, or already applied
				try {
					if (message.seq === board.seq + 1) return await this.#applyStored(board, message.doc, message.data, message.seq);
					// A gap: some message was lost on the way; the database has them all.
					return await this.catchUp(board);
				} catch (err) {
					return board.broken(err as Error);
				}
			case 'presence':
				return board.rooms.get(message.doc)?.remoteAwareness(from, message.data, message.present);
			case 'revoke':
				this.#revokeHere(board.boardId, message.hashes);
				return;
			case 'evict':
				return this.#evictHere(board.boardId);
		}
	}

	/** The board was deleted: close all its connections on every instance, forget its rooms, store nothing more. */
	async evict(boardId: string): Promise<void> {
		this.#bus.publish(boardId, { type: 'evict' });
		await this.run(boardId, () => this.#evictHere(boardId));
	}

	#evictHere(boardId: string): void {
		this.#boards.get(boardId)?.close(CloseCode.revoked, CloseReason.revoked);
		this.facilitation.forget(boardId);
	}

	/** A link was regenerated: close the connections opened with its old token (hash), here and on every instance. */
	revoke(boardId: string, tokenHashes: readonly string[]): number {
		this.#bus.publish(boardId, { type: 'revoke', hashes: [...tokenHashes] });
		return this.#revokeHere(boardId, tokenHashes);
	}

	#revokeHere(boardId: string, tokenHashes: readonly string[]): number {
		let closed = 0;
		for (const room of this.loaded(boardId)) {
			for (const peer of [...room.peers]) {
				if (!peer.tokenHash || !tokenHashes.includes(peer.tokenHash)) continue;
				room.leave(peer);
				peer.close(CloseCode.revoked, CloseReason.revoked);
				closed++;
			}
		}
		return closed;
	}

	/** Server stopping: compact and close everything. */
	async closeAll(): Promise<void> {
		await Promise.all(
			[...this.#boards.values()].map((board) =>
				board.run(async () => {
					for (const room of board.rooms.values()) await room.compact();
					board.close();
				})
			)
		);
	}
}
