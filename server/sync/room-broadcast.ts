/**
 * Sends a room's committed updates to its peers. Each message to each socket
 * is one system call for the server (10–15 µs on loopback): on a plenary board
 * of 1,200 phones, 100 notes/s are 120,000 writes/s, more than a core. So a
 * large room merges what is committed within a short window (Y.mergeUpdates)
 * and sends each peer one message per window: the window grows with the room
 * so that its broadcast stays under WRITES_PER_SECOND socket writes, whatever
 * the rate of notes. The first update after a quiet window goes at once (a
 * lone edit is not delayed); only the ones that follow it wait, at most the
 * window (1,200 peers: 48 ms). Rooms whose window would be under
 * IMMEDIATE_BELOW_MS (fewer than 50 peers: every workshop) send each update
 * at once, as y-websocket does.
 *
 * A peer gets exactly the updates committed while it was in the room, minus
 * its own (as without batching): one that joined during a window already has
 * the earlier ones from its sync step 2, and must not get them again (a note
 * withheld since would otherwise reach a socket opened after it was hidden).
 */
import * as Y from 'yjs';
import { encodeUpdate } from './protocol';

/** Socket writes per second one room's broadcast may cost, at most. */
export const WRITES_PER_SECOND = 25_000;
/** Below this window, updates are sent one by one. */
export const IMMEDIATE_BELOW_MS = 2;

export interface BroadcastPeer {
	send(data: Uint8Array): void;
}

interface Pending<P> {
	update: Uint8Array;
	origin: P | null;
	/** Its commit number: peers that joined after it do not get it. */
	n: number;
}

export class RoomBroadcast<P extends BroadcastPeer> {
	#peers: Set<P>;
	/** Commit number each peer joined at. */
	#joinedAt = new Map<P, number>();
	#commits = 0;
	#pending: Pending<P>[] = [];
	#timer: NodeJS.Timeout | null = null;
	/** When the last window opened (performance.now()), for the leading edge. */
	#windowStart = -Infinity;

	constructor(peers: Set<P>) {
		this.#peers = peers;
	}

	/** The window for the room as it is now (ms). */
	windowMs(): number {
		return (1000 * this.#peers.size) / WRITES_PER_SECOND;
	}

	joined(peer: P): void {
		this.#joinedAt.set(peer, this.#commits);
	}

	left(peer: P): void {
		this.#joinedAt.delete(peer);
	}

	/** A committed update, for every peer but `origin`. */
	send(update: Uint8Array, origin: P | null): void {
		const n = ++this.#commits;
		const window = this.windowMs();
		const now = performance.now();
		if (window < IMMEDIATE_BELOW_MS || (!this.#timer && now - this.#windowStart >= window)) {
			this.flush(); // the room shrank while a batch waited: it goes first
			this.#windowStart = now;
			const message = encodeUpdate(update);
			for (const peer of this.#peers) if (peer !== origin) peer.send(message);
			return;
		}
		this.#pending.push({ update, origin, n });
		this.#timer ??= setTimeout(() => this.flush(), Math.max(0, this.#windowStart + window - now));
	}

	/** Sends what waits now (also at the end of each window). */
	flush(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const pending = this.#pending;
		if (pending.length === 0) return;
		this.#pending = [];
		this.#windowStart = performance.now();
		const first = pending[0].n;
		// Most peers get the same merge, encoded once per starting point; the batch's few writers get their own (without their updates).
		const shared = new Map<number, Uint8Array | null>();
		const origins = new Set(pending.map((p) => p.origin));
		const merged = (from: number, skip: P | null) => {
			const updates = pending.filter((p) => p.n >= from && (skip === null || p.origin !== skip)).map((p) => p.update);
			return updates.length === 0 ? null : encodeUpdate(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates));
		};
		for (const peer of this.#peers) {
			const from = Math.max(first, (this.#joinedAt.get(peer) ?? Infinity) + 1);
			let message: Uint8Array | null;
			if (origins.has(peer)) message = merged(from, peer);
			else {
				message = shared.get(from) ?? null;
				if (!shared.has(from)) shared.set(from, (message = merged(from, null)));
			}
			if (message) peer.send(message);
		}
	}

	destroy(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#pending = [];
		this.#joinedAt.clear();
	}
}
