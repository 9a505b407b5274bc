/**
 * One open board page: the Board (notes), the Session (facilitator state) and,
 * while private writing is on, this participant's private notes — each with
 * its Connection, created in the browser once the participant key is known.
 * The page layout makes one and puts it in context; components use getLive().
 */
import { createContext } from 'svelte';
import type { BoardAccess } from '$lib/shared/api';
import { needsKey } from '$lib/shared/roles';
import { Board } from './board.svelte';
import { Connection } from './connection.svelte';
import { Session } from './session.svelte';
import { permissionsOf, writesPrivately, type Permissions } from './phases';
import { browserIdentity, savedName } from './local-identity';

export class Live {
	readonly board = new Board();
	readonly session = new Session();
	/** Notes this participant writes before the reveal (only they and the server see them). */
	readonly mine = new Board();
	connection = $state<Connection | null>(null);
	sessionConnection = $state<Connection | null>(null);
	#privateConnection: Connection | null = null;
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
		this.connection = new Connection({ ...base, doc: this.board.doc });
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

	/** Says "J'ai fini" for the current phase (or takes it back). */
	setDone(done: boolean): void {
		this.connection?.setPresence({ done: done ? this.session.state.phaseSerial : undefined });
	}

	destroy(): void {
		this.#destroyed = true;
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
			this.#privateConnection = new Connection({
				boardId: this.access.boardId,
				token: this.token,
				key: this.#key,
				doc: this.mine.doc,
				room: `${this.access.boardId}/private`
			});
		}
	};
}

export const [getLive, setLive] = createContext<Live>();
