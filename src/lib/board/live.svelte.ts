/**
 * One open board page: the Board (document) and its Connection, created in
 * the browser once the participant key is known. The page layout makes one
 * and puts it in context; components read it with getLive().
 */
import { createContext } from 'svelte';
import type { BoardAccess } from '$lib/shared/api';
import { needsKey } from '$lib/shared/roles';
import { Board } from './board.svelte';
import { Connection } from './connection.svelte';
import { browserIdentity, savedName } from './local-identity';

export class Live {
	readonly board = new Board();
	connection = $state<Connection | null>(null);
	#destroyed = false;

	constructor(
		readonly access: BoardAccess,
		readonly token: string
	) {}

	/** Connects (browser only). The projector has no key and shows no presence. */
	async connect(): Promise<void> {
		const identity = needsKey(this.access.role) ? await browserIdentity() : null;
		if (this.#destroyed) return;
		this.board.participantId = identity?.participantId ?? null;
		this.connection = new Connection({
			boardId: this.access.boardId,
			token: this.token,
			key: identity?.key ?? null,
			doc: this.board.doc
		});
		const name = savedName();
		if (identity && name) this.announce(name);
	}

	/** Shows this person to the others under `name` (awareness). */
	announce(name: string): void {
		this.connection?.setPresence({ name, participantId: this.board.participantId });
	}

	destroy(): void {
		this.#destroyed = true;
		this.connection?.destroy();
		this.board.doc.destroy();
	}
}

export const [getLive, setLive] = createContext<Live>();
