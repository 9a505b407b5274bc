/**
 * A room's awareness (who is here, cursors, "I'm done"): relayed to every
 * peer, accepted from every role, even read-only ones. Each peer speaks only
 * for the awareness ids it introduced; its states go when it leaves.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { encodeAwareness, filterAwarenessUpdate } from './protocol';

export interface AwarenessPeer {
	/** Awareness client ids this connection speaks for, removed when it leaves. */
	readonly awarenessIds: Set<number>;
	send(data: Uint8Array): void;
}

export class RoomAwareness {
	#awareness = new awarenessProtocol.Awareness(new Y.Doc());
	#peers: Set<AwarenessPeer>;
	/** Which peer introduced each awareness id: a lookup per entry, not a scan of every peer per message. */
	#owner = new Map<number, AwarenessPeer>();

	constructor(peers: Set<AwarenessPeer>) {
		this.#peers = peers;
		this.#awareness.setLocalState(null);
		this.#awareness.on('update', this.#onUpdate);
	}

	/** Every known state, for a peer that joins or asks (queryAwareness); null when there is none. */
	states(): Uint8Array | null {
		const ids = [...this.#awareness.getStates().keys()];
		return ids.length > 0 ? encodeAwareness(this.#awareness, ids) : null;
	}

	/**
	 * Applies a peer's update without the entries about other peers' ids: the
	 * stock y-websocket client sends back every change it receives, and a
	 * connection must not speak for another. Throws on a malformed update.
	 */
	apply(peer: AwarenessPeer, update: Uint8Array): void {
		const own = filterAwarenessUpdate(update, (id) => (this.#owner.get(id) ?? peer) === peer);
		if (own) awarenessProtocol.applyAwarenessUpdate(this.#awareness, own, peer);
	}

	/** The peer left: its states go, and the others are told. */
	remove(peer: AwarenessPeer): void {
		awarenessProtocol.removeAwarenessStates(this.#awareness, [...peer.awarenessIds], null);
		for (const id of peer.awarenessIds) if (this.#owner.get(id) === peer) this.#owner.delete(id);
	}

	destroy(): void {
		this.#owner.clear();
		this.#awareness.off('update', this.#onUpdate);
		this.#awareness.destroy();
	}

	#onUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const peer = origin as AwarenessPeer | null;
		if (peer && this.#peers.has(peer)) {
			for (const id of added) {
				peer.awarenessIds.add(id);
				this.#owner.set(id, peer);
			}
			for (const id of removed) {
				peer.awarenessIds.delete(id);
				this.#owner.delete(id);
			}
		}
		const changed = [...added, ...updated, ...removed];
		if (changed.length === 0) return;
		const message = encodeAwareness(this.#awareness, changed);
		for (const p of this.#peers) p.send(message);
	};
}
