/**
 * One open board page: the Board (notes), the Session (facilitator state) and,
 * while private writing is on, this participant's private notes — each with
 * its Connection, created in the browser once the participant key is known,
 * all carried by the page's one websocket (MuxSocket).
 * The page layout makes one and puts it in context; components use getLive().
 */
import { createContext } from 'svelte';
import type { BoardAccess, ReportResponse } from '$lib/shared/api';
import { callApi } from '$lib/api-client';
import { needsKey } from '$lib/shared/roles';
import { isLicenceId, type LicenceId } from '$lib/shared/licences';
import { Board } from './board.svelte';
import { Connection } from './connection.svelte';
import { MuxSocket } from './mux-socket.svelte';
import { MuxDoc } from '$lib/shared/mux';
import { Session } from './session.svelte';
import { AgendaRun } from './agenda.svelte';
import { permissionsOf, writesPrivately, type Permissions } from './phases';
import { browserIdentity, savedName } from './local-identity';
import { offlineStore, type OfflineStore } from './offline-store';

export class Live {
	readonly board = new Board();
	readonly session = new Session();
	/** The planned run (« déroulé ») kept in the session document. */
	readonly agenda = new AgendaRun(this.session);
	/** Notes this participant writes before the reveal (only they and the server see them). */
	readonly mine = new Board();
	connection = $state<Connection | null>(null);
	/** This person chose to follow what the facilitator shows on the screen. */
	follow = $state(false);
	sessionConnection = $state<Connection | null>(null);
	#privateConnection: Connection | null = null;
	/** Set once the private document is being opened (its saved copy loads first). */
	#privateOpening = false;
	#mux: MuxSocket | null = null;
	#stores: OfflineStore[] = [];
	#key: string | null = null;
	#destroyed = false;

	/** The phase serial the undo history belongs to (it is cleared at each new phase). */
	#phaseSerial: number | null = null;

	constructor(
		readonly access: BoardAccess,
		readonly token: string,
		/** The server refused something this browser holds (its saved copies are already dropped). */
		readonly onRefused?: (reason: string) => void
	) {}

	/** What this person may do now (the server enforces the same rules). */
	get can(): Permissions {
		return permissionsOf(this.access.role, this.session.state);
	}

	/** The join code now (the server publishes a new one when the participant link is replaced). */
	get joinCode(): string {
		return this.session.state.joinCode ?? this.access.joinCode;
	}

	/** The licence now, when the organiser changed it since this page loaded (else null: the loaded one). */
	get licence(): LicenceId | null {
		const id = this.session.state.licence;
		return isLicenceId(id) ? id : null;
	}

	/**
	 * Undo and redo are offered only where the server takes what they would send: with some
	 * write right in this phase (the same rules, phases.ts) — never while locked or closed.
	 * The history holds only this phase's edits (cleared at each phase), made under these rights.
	 */
	get canUndo(): boolean {
		return (this.#privateUndo('canUndo') ?? this.board).canUndo && this.#mayWrite;
	}

	get canRedo(): boolean {
		return (this.#privateUndo('canRedo') ?? this.board).canRedo && this.#mayWrite;
	}

	undo(): void {
		if (this.canUndo) (this.#privateUndo('canUndo') ?? this.board).undo();
	}

	redo(): void {
		if (this.canRedo) (this.#privateUndo('canRedo') ?? this.board).redo();
	}

	/** While writing privately, one's new notes are in the private document: undo applies there first. */
	#privateUndo(what: 'canUndo' | 'canRedo'): Board | null {
		return this.writingPrivately && this.mine[what] ? this.mine : null;
	}

	get #mayWrite(): boolean {
		return Object.values(this.can).some(Boolean);
	}

	/** New notes would be refused: the shared board is full (private notes wait in their own document). */
	get boardFull(): boolean {
		return !this.writingPrivately && this.board.full;
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
		const params: Record<string, string> = { token: this.token };
		if (this.#key) params.key = this.#key;
		const socket = (this.#mux = new MuxSocket(this.access.boardId, params));
		this.connection = new Connection({ ...base, doc: this.board.doc, onRefused: this.#refused, mux: { socket, doc: MuxDoc.board } });
		this.sessionConnection = new Connection({
			...base,
			doc: this.session.doc,
			room: `${this.access.boardId}/session`,
			mux: { socket, doc: MuxDoc.session },
			onRefused: this.#refused,
			presence: false
		});
		this.session.start();
		this.session.doc.on('update', this.#followPrivateWriting);
		this.session.doc.on('update', this.#followPhase);
		this.#followPhase();
		// The saved session may already say private writing is on, and the server then sends
		// nothing new: look now, not only when the session next changes (a reload lost notes).
		this.#followPrivateWriting();
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

	/**
	 * The server refused what this browser holds: drop the saved copies, then the page starts
	 * again from the server (onRefused). The refused change cannot stay in these documents:
	 * everything this browser sent after it would build on something the server never took.
	 */
	#refused = async (reason: string): Promise<void> => {
		await Promise.all(this.#stores.map((store) => store.clear().catch(() => undefined)));
		this.onRefused?.(reason);
	};

	// Undoing an earlier phase's edit (a note written during the collect, in the vote) would be refused.
	#followPhase = () => {
		const serial = this.session.state.phaseSerial;
		if (serial !== this.#phaseSerial && this.#phaseSerial !== null) {
			this.board.clearUndo();
			this.mine.clearUndo();
		}
		this.#phaseSerial = serial;
	};

	destroy(): void {
		this.#destroyed = true;
		for (const store of this.#stores) store.destroy();
		this.session.doc.off('update', this.#followPrivateWriting);
		this.session.doc.off('update', this.#followPhase);
		for (const c of [this.connection, this.sessionConnection, this.#privateConnection]) c?.destroy();
		this.session.destroy();
		this.board.doc.destroy();
		this.mine.doc.destroy();
	}

	// The private document is open only while it can hold something: during private writing.
	// Only a role with private notes has one (a projector asking would be refused, and retry).
	#followPrivateWriting = () => {
		if (!this.writingPrivately || this.#privateOpening || !this.#mux) return;
		this.#privateOpening = true;
		const room = `${this.access.boardId}/private`;
		const socket = this.#mux;
		this.#restore(room, this.mine).then(() => {
			if (this.#destroyed) return;
			this.#privateConnection = new Connection({
				boardId: this.access.boardId,
				token: this.token,
				key: this.#key,
				doc: this.mine.doc,
				room,
				onRefused: this.#refused,
				mux: { socket, doc: MuxDoc.private },
				presence: false
			});
		});
	};
}

export const [getLive, setLive] = createContext<Live>();
