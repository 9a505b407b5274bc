/**
 * Loads each of a board's documents once (Hocuspocus' `loadingDocuments`, but
 * SQLite reads are synchronous so a plain Map suffices), keyed by board and
 * document name, and unloads a room a while after its last connection
 * leaves, compacting it first. A board's rooms go together when it is deleted.
 */
import type { FastifyBaseLogger } from 'fastify';
import { CloseCode, CloseReason } from '../../src/lib/shared/errors';
import type { Db } from '../db/plugin';
import { Facilitation } from './facilitation';
import { BOARD_DOC } from './persistence';
import { Room } from './room';

export interface RoomsOptions {
	compactAfterUpdates: number;
	unloadAfterMs: number;
	log: FastifyBaseLogger;
}

export class Rooms {
	/** boardId → docName → room */
	#boards = new Map<string, Map<string, Room>>();
	#unloadTimers = new Map<Room, NodeJS.Timeout>();
	#db: Db;
	#options: RoomsOptions;
	readonly facilitation: Facilitation;

	constructor(db: Db, options: RoomsOptions) {
		this.#db = db;
		this.#options = options;
		this.facilitation = new Facilitation(this, db, options.log);
	}

	/** Loaded rooms, all boards together. */
	get size(): number {
		let n = 0;
		for (const docs of this.#boards.values()) n += docs.size;
		return n;
	}

	/** The room a connection joins, loading it from SQLite the first time. */
	get(boardId: string, docName: string = BOARD_DOC): Room {
		const room = this.#load(boardId, docName);
		this.#cancelUnload(room);
		return room;
	}

	/**
	 * The room, for the server's own reads and writes (the session state a
	 * board update is checked against, a reveal, a restore). If nobody is
	 * connected to it, it is unloaded later as if its last connection had left.
	 */
	use(boardId: string, docName: string = BOARD_DOC): Room {
		const room = this.#load(boardId, docName);
		if (room.peers.size === 0 && !this.#unloadTimers.has(room)) this.released(room);
		return room;
	}

	peek(boardId: string, docName: string = BOARD_DOC): Room | undefined {
		return this.#boards.get(boardId)?.get(docName);
	}

	/** The board's loaded rooms. */
	loaded(boardId: string): Room[] {
		return [...(this.#boards.get(boardId)?.values() ?? [])];
	}

	/** Connections to any of the board's documents. */
	peerCount(boardId: string): number {
		return this.loaded(boardId).reduce((n, room) => n + room.peers.size, 0);
	}

	#load(boardId: string, docName: string): Room {
		let docs = this.#boards.get(boardId);
		if (!docs) this.#boards.set(boardId, (docs = new Map()));
		let room = docs.get(docName);
		if (!room) {
			const rules = this.facilitation.rulesFor(boardId, docName);
			room = new Room(this.#db, boardId, { ...this.#options, docName, rules });
			docs.set(docName, room);
			this.facilitation.opened(room);
		}
		return room;
	}

	/** Called when a connection leaves; an empty room is unloaded after `unloadAfterMs`. */
	released(room: Room): void {
		if (room.peers.size > 0 || this.peek(room.boardId, room.docName) !== room) return;
		this.#cancelUnload(room);
		const timer = setTimeout(() => this.#unload(room), this.#options.unloadAfterMs);
		timer.unref();
		this.#unloadTimers.set(room, timer);
	}

	#unload(room: Room): void {
		this.#unloadTimers.delete(room);
		if (room.peers.size > 0 || this.peek(room.boardId, room.docName) !== room) return;
		room.compact();
		room.destroy();
		this.#forget(room);
	}

	#forget(room: Room): void {
		const docs = this.#boards.get(room.boardId);
		docs?.delete(room.docName);
		if (docs?.size === 0) this.#boards.delete(room.boardId);
	}

	#cancelUnload(room: Room): void {
		const timer = this.#unloadTimers.get(room);
		if (timer) clearTimeout(timer);
		this.#unloadTimers.delete(room);
	}

	/** The board was deleted: close all its connections, forget its rooms, store nothing more. */
	evict(boardId: string): void {
		for (const room of this.loaded(boardId)) {
			this.#cancelUnload(room);
			room.destroy(CloseCode.revoked, CloseReason.revoked);
		}
		this.#boards.delete(boardId);
		this.facilitation.forget(boardId);
	}

	/** A link was regenerated: close the connections opened with its old token (hash); they cannot reconnect. */
	revoke(boardId: string, tokenHashes: readonly string[]): number {
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
	closeAll(): void {
		for (const boardId of [...this.#boards.keys()]) {
			for (const room of this.loaded(boardId)) {
				this.#cancelUnload(room);
				room.compact();
				room.destroy();
			}
			this.#boards.delete(boardId);
		}
	}
}
