/**
 * Boards full of notes for the cold-load scenario. Notes are added by a
 * client, 100 per transaction, and counted on a second client (so they have
 * reached the server). A Trame board refuses notes past LIMITS.notesPerBoard
 * (10,000); a larger board is written straight into Trame's SQLite file with
 * the server's own persistence functions while the server is stopped.
 */
import * as Y from 'yjs';
import { join } from 'node:path';
import { addNote, countNotes } from '../../../src/lib/board/doc';
import { LIMITS } from '../../../src/lib/shared/limits';
import { openSqlite } from '../../../server/store/sqlite';
import { BOARD_DOC, loadDoc } from '../../../server/sync/persistence';
import { connect, type Board, type BenchClient } from '../clients';
import { ROOT, type RunningServer } from '../servers';
import { sleep, waitUntil, within } from '../stats';

const AXES = ['lieux', 'donnees', 'communs'];
const BATCH = 100;

function sampleText(i: number): string {
	return `Idée ${i} : un tiers-lieu ouvert le samedi, avec un atelier de réparation et des données ouvertes.`;
}

function addNotes(doc: Y.Doc, authorId: string, from: number, count: number): void {
	doc.transact(() => {
		for (let i = from; i < from + count; i++) {
			addNote(doc, { axisId: AXES[i % AXES.length], authorId, text: sampleText(i), color: 'yellow' });
		}
	});
}

/** Seeds through a client; returns once another client has received every note. */
export async function seedThroughClient(server: RunningServer, board: Board, notes: number): Promise<void> {
	const seeder = await connect(server, board);
	const witness = await connect(server, board);
	const clients: BenchClient[] = [seeder, witness];
	try {
		await within(Promise.all(clients.map((c) => c.synced)), 30_000, 'the seeding clients to sync');
		for (let i = 0; i < notes; i += BATCH) {
			addNotes(seeder.doc, seeder.authorId, i, Math.min(BATCH, notes - i));
			// Let the socket drain so a batch is one frame on the wire, as a person's edits would be.
			await sleep(5);
		}
		await waitUntil(() => countNotes(witness.doc) >= notes, `${notes} notes to reach a second client`, 120_000);
	} finally {
		for (const c of clients) c.destroy();
	}
}

/** Trame only, server stopped: adds notes to the stored board document directly. */
export async function seedTrameDatabase(dataDir: string, boardId: string, notes: number): Promise<void> {
	const db = openSqlite(join(dataDir, 'trame.db'), join(ROOT, 'drizzle'));
	try {
		const { doc, head } = await loadDoc(db, boardId);
		for (let i = countNotes(doc); i < notes; i += BATCH) addNotes(doc, 'seed', i, Math.min(BATCH, notes - i));
		await db.store.compact(boardId, BOARD_DOC, Y.encodeStateAsUpdate(doc), head);
	} finally {
		await db.close();
	}
}

export function fitsTrame(notes: number): boolean {
	return notes <= LIMITS.notesPerBoard;
}
