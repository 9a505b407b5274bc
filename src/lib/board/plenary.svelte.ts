/**
 * A workshop's tables seen from its console or its projector (issue 13):
 * each table's board (and, for a console, its session) over its own
 * connection, opened with the workshop's token (the server lets a
 * workshop's facilitator and projector tokens open its tables). The
 * plenary view merges the tables per axis; `drive` mirrors the console's
 * own commands (phase, reveal, lock, timer, vote rules, the agenda) onto
 * every table, so one command drives all.
 */
import type * as Y from 'yjs';
import type { TableInfo, TablesResponse } from '$lib/shared/api';
import { callApi } from '$lib/api-client';
import { Board } from './board.svelte';
import { Connection } from './connection.svelte';
import { Session } from './session.svelte';
import { driveTables } from './drive';

export interface PlenaryTable {
	info: TableInfo;
	board: Board;
	/** The board's connection: who is at the table, and their « J'ai fini ». */
	connection: Connection;
	/** Only for a console (a projector reads the boards alone). */
	session: Session | null;
}

export class Plenary {
	tables = $state<PlenaryTable[]>([]);
	/** The console's commands also go to every table. */
	driving = $state(true);
	#connections: Connection[] = [];
	#destroyed = false;
	#driver: Session | null = null;

	constructor(
		readonly workshopId: string,
		readonly token: string,
		readonly key: string | null,
		readonly withSession: boolean
	) {}

	/** Fetches the list of tables and connects to the new ones. */
	async refresh(): Promise<void> {
		const result = await callApi<TablesResponse>(`/api/boards/${this.workshopId}/tables`, { token: this.token });
		if (!result.ok || this.#destroyed) return;
		const known = new Set(this.tables.map((t) => t.info.id));
		const added = result.data.tables.filter((t) => !known.has(t.id)).map((info) => this.#open(info));
		if (added.length) this.tables = [...this.tables, ...added].sort((a, b) => a.info.number - b.info.number);
	}

	#open(info: TableInfo): PlenaryTable {
		const board = new Board();
		const base = { boardId: info.id, token: this.token, key: this.key };
		const connection = new Connection({ ...base, doc: board.doc });
		this.#connections.push(connection);
		let session: Session | null = null;
		if (this.withSession) {
			session = new Session();
			this.#connections.push(new Connection({ ...base, doc: session.doc, room: `${info.id}/session` }));
		}
		return { info, board, connection, session };
	}

	/** Mirrors this console's own changes of its session onto the tables while `driving`. */
	drive(session: Session): void {
		this.#driver = session;
		session.doc.on('afterTransaction', this.#mirror);
	}

	#mirror = (tr: Y.Transaction) => {
		// Only this person's commands: changes from the server (other consoles) are not copied again.
		if (!tr.local || !this.driving || !this.#driver) return;
		const docs = this.tables.flatMap((t) => (t.session ? [t.session.doc] : []));
		driveTables(tr, docs, this.#driver.serverNow);
	};

	/** People at the tables (with a name; the projector is not a person), and whether they all said « J'ai fini » in their table's phase. */
	get everyoneDone(): { people: number; done: number } {
		let people = 0;
		let done = 0;
		for (const table of this.tables) {
			const serial = table.session?.state.phaseSerial;
			for (const person of table.connection.presence) {
				if (!person.participantId) continue;
				people += 1;
				if (serial !== undefined && person.done === serial) done += 1;
			}
		}
		return { people, done };
	}

	destroy(): void {
		this.#destroyed = true;
		this.#driver?.doc.off('afterTransaction', this.#mirror);
		for (const c of this.#connections) c.destroy();
		for (const t of this.tables) {
			t.board.doc.destroy();
			t.session?.destroy();
		}
	}
}
