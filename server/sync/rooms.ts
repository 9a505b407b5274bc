/**
 * Loads each board once (Hocuspocus' `loadingDocuments`, but SQLite reads are
 * synchronous so a plain Map suffices) and unloads it a while after its last
 * connection leaves, compacting it first.
 */
import type { FastifyBaseLogger } from 'fastify';
import { CloseCode, CloseReason } from '../../src/lib/shared/errors';
import type { Db } from '../db/plugin';
import { Room } from './room';

export interface RoomsOptions {
	compactAfterUpdates: number;
	unloadAfterMs: number;
	log: FastifyBaseLogger;
}

export class Rooms {
	#rooms = new Map<string, Room>();
	#unloadTimers = new Map<string, NodeJS.Timeout>();
	#db: Db;
	#options: RoomsOptions;

	constructor(db: Db, options: RoomsOptions) {
		this.#db = db;
		this.#options = options;
	}

	get size(): number {
		return this.#rooms.size;
	}

	/** The loaded room, loading it from SQLite the first time. */
	get(boardId: string): Room {
		this.#cancelUnload(boardId);
		let room = this.#rooms.get(boardId);
		if (!room) {
			room = new Room(this.#db, boardId, this.#options);
			this.#rooms.set(boardId, room);
		}
		return room;
	}

	peek(boardId: string): Room | undefined {
		return this.#rooms.get(boardId);
	}

	/** Called when a connection leaves; an empty room is unloaded after `unloadAfterMs`. */
	released(room: Room): void {
		if (room.peers.size > 0 || this.#rooms.get(room.boardId) !== room) return;
		this.#cancelUnload(room.boardId);
		const timer = setTimeout(() => this.#unload(room.boardId), this.#options.unloadAfterMs);
		timer.unref();
		this.#unloadTimers.set(room.boardId, timer);
	}

	#unload(boardId: string): void {
		this.#unloadTimers.delete(boardId);
		const room = this.#rooms.get(boardId);
		if (!room || room.peers.size > 0) return;
		room.compact();
		room.destroy();
		this.#rooms.delete(boardId);
	}

	#cancelUnload(boardId: string): void {
		const timer = this.#unloadTimers.get(boardId);
		if (timer) clearTimeout(timer);
		this.#unloadTimers.delete(boardId);
	}

	/** The board was deleted: close its connections, forget it, store nothing more. */
	evict(boardId: string): void {
		this.#cancelUnload(boardId);
		this.#rooms.get(boardId)?.destroy(CloseCode.revoked, CloseReason.revoked);
		this.#rooms.delete(boardId);
	}

	/** Server stopping: compact and close everything. */
	closeAll(): void {
		for (const boardId of [...this.#rooms.keys()]) {
			const room = this.#rooms.get(boardId)!;
			room.compact();
			room.destroy();
			this.#cancelUnload(boardId);
			this.#rooms.delete(boardId);
		}
	}
}
