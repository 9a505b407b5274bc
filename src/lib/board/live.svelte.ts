/**
 * One open board page: the Board (notes), the Session (facilitator state) and,
 * while private writing is on, this participant's private notes — each with
 * its Connection, created in the browser once the participant key is known.
 * The page layout makes one and puts it in context; components use getLive().
 */
import { createContext } from 'svelte';
import type { BoardAccess, ReportResponse } from '$lib/shared/api';
import { callApi } from '$lib/api-client';
import { needsKey } from '$lib/shared/roles';
import { Board } from './board.svelte';
import { Connection } from './connection.svelte';
import { Session } from './session.svelte';
import { permissionsOf, writesPrivately, type Permissions } from './phases';
import { browserIdentity, savedName } from './local-identity';
import { offlineStore, type OfflineStore } from './offline-store';

export class Live {
	readonly board = new Board();
	readonly session = new Session();
	/** Notes this participant writes before the reveal (only they and the server see them). */
	readonly mine = new Board();
	connection = $state<Connection | null>(null);
	/** This person chose to follow what the facilitator shows on the screen. */
	follow = $state(false);
	sessionConnection = $state<Connection | null>(null);
	#privateConnection: Connection | null = null;
	#stores: OfflineStore[] = [];
	#key: string | null = null;
	#destroyed = false;

	constructor(
		readonly access: BoardAccess,
		readonly token: string
	) {}

	/** What this person may do now (the server enforces the same rules). */
	get can(): Permissions {
		return permissionsOf(this.access.role, this.session.state);
	}

	/** True while new notes go to the private document (Collect with private writing). */
	get writingPrivately(): boolean {
		return writesPrivately(this.access.role, this.session.state);
	}

	/** Connects (browser only). The projector has no key and shows no presence. */
	async connect(): Promise<void> {
		const identity = needsKey(this.access.role) ? await browserIdentity() : null;
		if (this.#destroyed) return;
		this.#key = identity?.key ?? null;
		this.board.participantId = identity?.participantId ?? null;
		this.mine.participantId = identity?.participantId ?? null;
		const base = { boardId: this.access.boardId, token: this.token, key: this.#key };
		// The saved copies load first, so what was written offline is sent on connect.
		await this.#restore(this.access.boardId, this.board);
		await this.#restore(`${this.access.boardId}/session`, this.session);
		if (this.#destroyed) return;
		this.connection = new Connection({ ...base, doc: this.board.doc, onRefused: () => this.#forget() });
		this.sessionConnection = new Connection({ ...base, doc: this.session.doc, room: `${this.access.boardId}/session` });
		this.session.start();
		this.session.doc.on('update', this.#followPrivateWriting);
		const name = savedName();
		if (identity && name) this.announce(name);
	}

	/** Shows this person to the others under `name` (awareness). */
	announce(name: string): void {
		this.connection?.setPresence({ name, participantId: this.board.participantId });
	}

	/** Reports someone's note to the facilitators (the server keeps one report per participant and note); true once stored. */
	async report(noteId: string): Promise<boolean> {
		if (!this.#key) return false;
		const result = await callApi<ReportResponse>(`/api/boards/${this.access.boardId}/notes/${encodeURIComponent(noteId)}/report`, {
			method: 'POST', token: this.token, body: { key: this.#key }
		});
		return result.ok;
	}

	/** Says "J'ai fini" for the current phase (or takes it back). */
	setDone(done: boolean): void {
		this.connection?.setPresence({ done: done ? this.session.state.phaseSerial : undefined });
	}

	async #restore(name: string, holder: { doc: import('yjs').Doc }): Promise<void> {
		const store = offlineStore(name, holder.doc);
		if (!store) return;
		this.#stores.push(store);
		// A broken or blocked IndexedDB (private browsing) must not stop the board: go on without it.
		await Promise.race([store.loaded, new Promise((resolve) => setTimeout(resolve, 1500))]).catch(() => undefined);
	}

	/** The server refused what this browser holds: drop the saved copies, start again from the server. */
	async #forget(): Promise<void> {
		await Promise.all(this.#stores.map((store) => store.clear().catch(() => undefined)));
	}

	destroy(): void {
		this.#destroyed = true;
		for (const store of this.#stores) store.destroy();
		this.session.doc.off('update', this.#followPrivateWriting);
		for (const c of [this.connection, this.sessionConnection, this.#privateConnection]) c?.destroy();
		this.session.destroy();
		this.board.doc.destroy();
		this.mine.doc.destroy();
	}

	// The private document is open only while it can hold something: during private writing.
	#followPrivateWriting = () => {
		const open = this.writingPrivately;
		if (open && !this.#privateConnection) {
			const room = `${this.access.boardId}/private`;
			this.#restore(room, this.mine).then(() => {
				if (this.#destroyed || this.#privateConnection) return;
				this.#privateConnection = new Connection({ boardId: this.access.boardId, token: this.token, key: this.#key, doc: this.mine.doc, room });
			});
		}
	};
}

export const [getLive, setLive] = createContext<Live>();
