/**
 * One loaded board: its Y.Doc, awareness and connected peers. The message
 * receiver is here, in one place: decode → check the writer's rights → store
 * → broadcast. Nothing is broadcast before it is stored; a refused or
 * unstorable update rolls the room back to what is stored.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { FastifyBaseLogger } from 'fastify';
import { canWriteContent } from '../../src/lib/shared/roles';
import { CloseCode, CloseReason } from '../../src/lib/shared/errors';
import { checkTransaction, type Violation, type Writer } from '../../src/lib/board/validate';
import type { Db } from '../db/plugin';
import { appendUpdate, compact, loadDoc } from './persistence';
import {
	decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type AwarenessEntry, type Incoming
} from './protocol';

export interface Peer {
	readonly writer: Writer;
	/** Awareness client ids this connection speaks for, removed when it leaves. */
	readonly awarenessIds: Set<number>;
	send(data: Uint8Array): void;
	close(code: number, reason: string): void;
}

export interface RoomOptions {
	compactAfterUpdates: number;
	log: FastifyBaseLogger;
}

interface Applying {
	peer: Peer;
	violation: Violation | null;
	storageError: Error | null;
}

export class Room {
	readonly boardId: string;
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
	#awareness = new awarenessProtocol.Awareness(new Y.Doc());

	constructor(db: Db, boardId: string, options: RoomOptions) {
		this.#db = db;
		this.boardId = boardId;
		this.#options = options;
		this.#awareness.setLocalState(null);
		this.#awareness.on('update', this.#onAwareness);
		this.#load();
	}

	get doc(): Y.Doc {
		return this.#doc;
	}

	/** Stored updates not yet folded into the snapshot. */
	get tailLength(): number {
		return this.#tail;
	}

	join(peer: Peer): void {
		this.peers.add(peer);
		peer.send(encodeSyncStep1(this.#doc));
		const states = [...this.#awareness.getStates().keys()];
		if (states.length > 0) peer.send(encodeAwareness(this.#awareness, states));
	}

	leave(peer: Peer): void {
		if (!this.peers.delete(peer)) return;
		awarenessProtocol.removeAwarenessStates(this.#awareness, [...peer.awarenessIds], null);
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
					return peer.send(encodeSyncStep2(this.#doc, message.stateVector));
				} catch (err) {
					return this.#reject(peer, CloseCode.malformed, CloseReason.malformed, err as Error);
				}
			case 'update':
				return this.#applyUpdate(peer, message.update);
			case 'awareness':
				return this.#applyAwareness(peer, message.update, message.clients);
			case 'queryAwareness':
				return peer.send(encodeAwareness(this.#awareness, [...this.#awareness.getStates().keys()]));
		}
	}

	#applyUpdate(peer: Peer, update: Uint8Array): void {
		if (!canWriteContent(peer.writer.role)) {
			// A stock client answers the server's sync step 1 with what it has, usually nothing: not a write.
			if (isEmptyUpdate(update)) return;
			this.droppedUpdates++;
			this.#options.log.warn({ board: this.boardId, dropped: this.droppedUpdates }, 'update from a read-only connection dropped');
			return;
		}
		const applying: Applying = { peer, violation: null, storageError: null };
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
	}

	#onAfterTransaction = (tr: Y.Transaction) => {
		const applying = this.#applying;
		if (applying && tr.origin === applying.peer && !applying.violation) {
			applying.violation = checkTransaction(tr, applying.peer.writer);
		}
	};

	/** Store, then broadcast: what a peer sees is already durable. */
	#onUpdate = (update: Uint8Array, origin: unknown) => {
		const applying = this.#applying;
		if (applying && origin === applying.peer && (applying.violation || applying.storageError)) return;
		try {
			this.#lastUpdateId = appendUpdate(this.#db, this.boardId, update);
		} catch (err) {
			if (applying && origin === applying.peer) applying.storageError = err as Error;
			else this.#options.log.error({ err, board: this.boardId }, 'could not store a server-side update');
			return;
		}
		const message = encodeUpdate(update);
		for (const other of this.peers) if (other !== origin) other.send(message);
		this.#tail++;
		if (this.#tail >= this.#options.compactAfterUpdates) this.#scheduleCompaction();
	};

	/**
	 * The stock y-websocket client re-sends every awareness change it receives,
	 * other clients' included, so an entry for another connection's client is
	 * normal as long as it is not newer than what the server holds (an echo,
	 * which y-protocols ignores). Only a newer one would change someone else's
	 * presence: that is a spoof. (An echoed removal at the same clock, which a
	 * client sends when its own 30 s timeout drops a silent peer, is applied: the
	 * owner's next renewal, every 15 s, restores it.)
	 */
	#applyAwareness(peer: Peer, update: Uint8Array, clients: AwarenessEntry[]): void {
		for (const { clientId, clock } of clients) {
			if (clock <= (this.#awareness.meta.get(clientId)?.clock ?? -1)) continue;
			for (const other of this.peers) {
				if (other !== peer && other.awarenessIds.has(clientId)) {
					return this.#reject(peer, CloseCode.refused, `${CloseReason.refused}:awareness_of_another`, new Error('awareness spoof'));
				}
			}
		}
		try {
			awarenessProtocol.applyAwarenessUpdate(this.#awareness, update, peer);
		} catch (err) {
			this.#reject(peer, CloseCode.malformed, CloseReason.malformed, err as Error);
		}
	}

	#onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const peer = origin as Peer | null;
		if (peer && this.peers.has(peer)) {
			for (const id of added) peer.awarenessIds.add(id);
			for (const id of removed) peer.awarenessIds.delete(id);
		}
		const changed = [...added, ...updated, ...removed];
		if (changed.length === 0) return;
		const message = encodeAwareness(this.#awareness, changed);
		for (const p of this.peers) p.send(message);
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
		const loaded = loadDoc(this.#db, this.boardId);
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
			compact(this.#db, this.boardId, Y.encodeStateAsUpdate(this.#doc), this.#lastUpdateId);
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
		this.#awareness.off('update', this.#onAwareness);
		this.#awareness.destroy();
		this.#unbind();
	}
}

/** True when the update carries no item and no deletion; one that cannot be read is not empty. */
function isEmptyUpdate(update: Uint8Array): boolean {
	try {
		const { structs, ds } = Y.decodeUpdate(update);
		return structs.length === 0 && ds.clients.size === 0;
	} catch {
		return false;
	}
}
