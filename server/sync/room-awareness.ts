/**
 * A room's awareness (who is here, cursors, "I'm done"), accepted from every
 * role, even read-only ones. Each peer speaks only for the awareness ids it
 * introduced; its states go when it leaves.
 *
 * Traffic grows as O(N), not O(N²) (presence.ts): entries a client re-sends
 * about someone else (the stock client's echo) are dropped, never relayed;
 * changes are merged per PRESENCE_WINDOW_MS and renewals per RENEW_WINDOW_MS,
 * and each batch is encoded once for all its recipients. On a plenary board
 * (LIMITS.plenaryFrom people), peers that do not see everyone get one summary
 * entry (the count) instead of every state.
 *
 * With several instances, each publishes its own peers' entries, merged per
 * window like everything else, with how many people it has here
 * (`publish`); what another instance publishes enters this room as if from
 * one more peer (`applyRemote`), never published again. So the windows, the
 * plenary summary and its count cover the whole board, whatever instance a
 * phone reached.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { LIMITS } from '../../src/lib/shared/limits';
import { PRESENCE_WINDOW_MS, RENEW_WINDOW_MS, SUMMARY_CLIENT_ID, SUMMARY_EVERY_MS } from '../../src/lib/shared/presence';
import { encodeAwareness, filterAwarenessUpdate, MessageType } from './protocol';

export interface AwarenessPeer {
	/** Awareness client ids this connection speaks for, removed when it leaves. */
	readonly awarenessIds: Set<number>;
	/** Facilitators and organisers: the full list of who is here, even in a plenary. */
	readonly seesEveryone?: boolean;
	/** Who this connection counts as among the people present (a participant id); null: not counted (projector). */
	readonly person?: string | null;
	send(data: Uint8Array): void;
}

/** Another instance's peers in this room, seen as one peer that speaks for all their entries. */
interface RemoteInstance extends AwarenessPeer {
	/** People present on that instance, as it last said. */
	present: number;
	heardAt: number;
}

/** What goes to the other instances: this instance's entries changed in a window, and its people present. */
export type PublishAwareness = (update: Uint8Array, present: number) => void;

/** An instance not heard from for this long is gone: y-protocols drops a state as late without renewal. */
const REMOTE_SILENCE_MS = awarenessProtocol.outdatedTimeout;

export class RoomAwareness {
	#awareness = new awarenessProtocol.Awareness(new Y.Doc());
	#peers: Set<AwarenessPeer>;
	#publish: PublishAwareness | null;
	#remotes = new Map<string, RemoteInstance>();
	/** Entries changed or renewed by this instance's own peers since the last publish. */
	#localChanged = new Set<number>();
	#localRenewed = new Set<number>();
	#publishedPresent = 0;
	/** Which peer introduced each awareness id: a lookup per entry, not a scan of every peer per message. */
	#owner = new Map<number, AwarenessPeer>();
	#changed = new Set<number>();
	#renewed = new Set<number>();
	#changeTimer: NodeJS.Timeout | null = null;
	#renewTimer: NodeJS.Timeout;
	/** Whether the last batches went out in plenary form (summary to most peers). */
	#plenary = false;
	#summaryClock = 0;
	#summarySent = -1;
	#summarySentAt = 0;

	constructor(peers: Set<AwarenessPeer>, publish: PublishAwareness | null = null) {
		this.#peers = peers;
		this.#publish = publish;
		this.#awareness.setLocalState(null);
		this.#awareness.on('change', this.#onChange);
		this.#awareness.on('update', this.#onUpdate);
		this.#renewTimer = setInterval(() => this.#flushRenewals(), RENEW_WINDOW_MS);
		this.#renewTimer.unref();
	}

	/** What a peer that joins or asks (queryAwareness) is sent: every state, or the summary; null when there is nothing. */
	states(peer?: AwarenessPeer): Uint8Array | null {
		// Decided on the count now, not at the last flush: a join storm fills a whole window before it.
		if (peer && !peer.seesEveryone) {
			const present = this.#present();
			if (this.#plenary || present >= LIMITS.plenaryFrom) return this.#summaryMessage(present);
		}
		const ids = [...this.#awareness.getStates().keys()];
		return ids.length > 0 ? encodeAwareness(this.#awareness, ids) : null;
	}

	/**
	 * Applies a peer's update without the entries about other peers' ids: the
	 * stock y-websocket client sends back every change it receives, and a
	 * connection must not speak for another. Throws on a malformed update.
	 */
	apply(peer: AwarenessPeer, update: Uint8Array): void {
		// An entry another instance relayed can be taken over: the phone moved here (its instance died). Echoes
		// of it carry the clock it was sent with, which y-protocols ignores.
		const own = filterAwarenessUpdate(update, (id) => {
			const owner = this.#owner.get(id) ?? peer;
			return id !== SUMMARY_CLIENT_ID && (owner === peer || this.#isRemote(owner));
		});
		if (own) awarenessProtocol.applyAwarenessUpdate(this.#awareness, own, peer);
	}

	/**
	 * What another instance published (its peers' entries, its count). An
	 * instance speaks only for entries no peer here owns. Throws on a malformed update.
	 */
	applyRemote(from: string, update: Uint8Array, present: number): void {
		let remote = this.#remotes.get(from);
		if (!remote) this.#remotes.set(from, (remote = { awarenessIds: new Set(), person: null, send: () => undefined, present, heardAt: 0 }));
		const counted = remote.present !== present || remote.heardAt === 0;
		remote.present = present;
		remote.heardAt = Date.now();
		const instance = remote;
		const own = filterAwarenessUpdate(update, (id) => id !== SUMMARY_CLIENT_ID && (this.#owner.get(id) ?? instance) === instance);
		if (own) awarenessProtocol.applyAwarenessUpdate(this.#awareness, own, remote);
		if (counted) this.#changeTimer ??= setTimeout(() => this.#flushChanges(), PRESENCE_WINDOW_MS);
	}

	/** The peer left: its states go, and the others are told. */
	remove(peer: AwarenessPeer): void {
		awarenessProtocol.removeAwarenessStates(this.#awareness, [...peer.awarenessIds], null);
		for (const id of peer.awarenessIds) if (this.#owner.get(id) === peer) this.#owner.delete(id);
	}

	/** Sends what is pending now (tests; and the room's last words before it goes). */
	flush(): void {
		this.#flushChanges();
		this.#flushRenewals();
	}

	destroy(): void {
		if (this.#changeTimer) clearTimeout(this.#changeTimer);
		clearInterval(this.#renewTimer);
		this.#owner.clear();
		this.#remotes.clear();
		this.#awareness.off('change', this.#onChange);
		this.#awareness.off('update', this.#onUpdate);
		this.#awareness.destroy();
	}

	/** A peer here or another instance; null for the room's own removals (remove) and y-protocols' timeouts. */
	#speaker(origin: unknown): AwarenessPeer | null {
		const peer = origin as AwarenessPeer;
		return this.#peers.has(peer) || this.#isRemote(peer) ? peer : null;
	}

	#isRemote(peer: AwarenessPeer): boolean {
		for (const remote of this.#remotes.values()) if (remote === peer) return true;
		return false;
	}

	/** Changed by this instance's own peers (or their leaving), so the other instances must hear of it. */
	#fromHere(origin: unknown): boolean {
		return origin === null || this.#peers.has(origin as AwarenessPeer);
	}

	#onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
		const speaker = this.#speaker(origin);
		if (speaker) {
			for (const id of added) {
				speaker.awarenessIds.add(id);
				this.#owner.set(id, speaker);
			}
		}
		for (const id of removed) {
			this.#owner.get(id)?.awarenessIds.delete(id);
			this.#owner.delete(id);
		}
		const here = this.#fromHere(origin);
		for (const id of [...added, ...updated, ...removed]) {
			this.#changed.add(id);
			this.#renewed.delete(id);
			if (here) {
				this.#localChanged.add(id);
				this.#localRenewed.delete(id);
			}
		}
		this.#changeTimer ??= setTimeout(() => this.#flushChanges(), PRESENCE_WINDOW_MS);
	};

	// Every update, changes included (`change` fires first): what is not a change is a renewal.
	#onUpdate = ({ updated }: { updated: number[] }, origin: unknown) => {
		const here = this.#fromHere(origin);
		for (const id of updated) {
			if (!this.#changed.has(id)) this.#renewed.add(id);
			if (here && !this.#localChanged.has(id)) this.#localRenewed.add(id);
		}
	};

	/** People present here: distinct participant ids among the peers (a phone with two tabs counts once). */
	#localPresent(): number {
		const people = new Set<string>();
		for (const p of this.#peers) if (p.person) people.add(p.person);
		return people.size;
	}

	/** People present on the board: here, and on the other instances that spoke lately. */
	#present(): number {
		const since = Date.now() - REMOTE_SILENCE_MS;
		let n = this.#localPresent();
		for (const remote of this.#remotes.values()) if (remote.heardAt >= since) n += remote.present;
		return n;
	}

	/**
	 * This instance's entries in `ids`, and its count, to the other instances
	 * when either is news. Its clients' own renewals (every 15 s) keep the
	 * count from going stale there (REMOTE_SILENCE_MS).
	 */
	#publishLocal(ids: Set<number>): void {
		if (!this.#publish) return ids.clear();
		const present = this.#localPresent();
		const entries = [...ids];
		ids.clear();
		if (entries.length === 0 && present === this.#publishedPresent) return;
		this.#publishedPresent = present;
		this.#publish(awarenessProtocol.encodeAwarenessUpdate(this.#awareness, entries), present);
	}

	#flushChanges(): void {
		if (this.#changeTimer) clearTimeout(this.#changeTimer);
		this.#changeTimer = null;
		const ids = [...this.#changed];
		this.#changed.clear();
		this.#publishLocal(this.#localChanged);
		const present = this.#present();
		const plenary = present >= LIMITS.plenaryFrom;
		if (plenary !== this.#plenary) return this.#switch(plenary, present);
		if (ids.length > 0) this.#send(encodeAwareness(this.#awareness, ids), plenary);
		if (plenary) this.#sendSummary(present, false);
	}

	#flushRenewals(): void {
		const ids = [...this.#renewed];
		this.#renewed.clear();
		this.#publishLocal(this.#localRenewed);
		const since = Date.now() - REMOTE_SILENCE_MS;
		for (const [from, remote] of this.#remotes) if (remote.heardAt < since && remote.awarenessIds.size === 0) this.#remotes.delete(from);
		if (ids.length > 0) this.#send(encodeAwareness(this.#awareness, ids), this.#plenary);
		// The summary is renewed too, or clients would drop it as outdated (30 s).
		if (this.#plenary) this.#sendSummary(this.#present(), true);
	}

	/** A batch, encoded once, to every peer (or, in a plenary, to those who see everyone). */
	#send(message: Uint8Array, plenary: boolean): void {
		for (const p of this.#peers) if (!plenary || p.seesEveryone) p.send(message);
	}

	/**
	 * Into a plenary: the others get the summary (the states they hold expire
	 * on their own). Out of it: they get every state again, and the summary goes.
	 */
	#switch(plenary: boolean, present: number): void {
		this.#plenary = plenary;
		const ids = [...this.#awareness.getStates().keys()];
		const all = ids.length > 0 ? encodeAwareness(this.#awareness, ids) : null;
		if (plenary) {
			if (all) this.#send(all, true);
			this.#sendSummary(present, true);
			return;
		}
		const gone = this.#summaryMessage(present, true);
		for (const p of this.#peers) {
			if (all) p.send(all);
			if (!p.seesEveryone) p.send(gone);
		}
		this.#summarySent = -1;
	}

	#sendSummary(present: number, renew: boolean): void {
		const now = Date.now();
		if (!renew && (present === this.#summarySent || now - this.#summarySentAt < SUMMARY_EVERY_MS)) {
			// Not yet: a later flush (at the latest the next renewal) sends the new count.
			if (present !== this.#summarySent) this.#changeTimer ??= setTimeout(() => this.#flushChanges(), SUMMARY_EVERY_MS);
			return;
		}
		this.#summarySent = present;
		this.#summarySentAt = now;
		const message = this.#summaryMessage(present);
		for (const p of this.#peers) if (!p.seesEveryone) p.send(message);
	}

	/** The awareness frame of the summary entry (null state when `gone`: clients drop it). */
	#summaryMessage(present: number, gone = false): Uint8Array {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MessageType.awareness);
		const update = encoding.createEncoder();
		encoding.writeVarUint(update, 1);
		encoding.writeVarUint(update, SUMMARY_CLIENT_ID);
		encoding.writeVarUint(update, ++this.#summaryClock);
		encoding.writeVarString(update, JSON.stringify(gone ? null : { present }));
		encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
		return encoding.toUint8Array(encoder);
	}
}
