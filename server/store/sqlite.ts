/**
 * The embedded mode: one SQLite file (WAL) that one process owns. Its
 * better-sqlite3 calls are synchronous, so the per-board queue of the rooms
 * (server/sync/rooms.ts) is the board's order and an append never conflicts;
 * row ids (one counter for all boards) are the sequence numbers.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as tables from '../db/schema-sqlite';
import { DatabaseOpenError, type BoardStore, type Db, type Query, type StoredUpdate } from './types';

function toBuffer(data: Uint8Array): Buffer {
	return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

interface Row {
	id: number;
	doc: string;
	data: Buffer;
}

/**
 * Statements prepared once: building and preparing the insert on each call
 * took a third of the server's CPU under load (npm run bench, event load).
 */
function sqliteBoardStore(sqlite: Database.Database): BoardStore {
	const snapshot = sqlite.prepare<[string, string], { data: Buffer; last: number }>(
		'SELECT data, last_update_id AS last FROM yjs_snapshots WHERE board_id = ? AND doc = ?'
	);
	const tail = sqlite.prepare<[string, string, number], Row>(
		'SELECT id, doc, data FROM yjs_updates WHERE board_id = ? AND doc = ? AND id > ? ORDER BY id'
	);
	const insert = sqlite.prepare<[string, string, Buffer], { id: number }>(
		'INSERT INTO yjs_updates (board_id, doc, data) VALUES (?, ?, ?) RETURNING id'
	);
	const since = sqlite.prepare<[string, number], Row>('SELECT id, doc, data FROM yjs_updates WHERE board_id = ? AND id > ? ORDER BY id');
	const foldedSince = sqlite.prepare<[string, number], { doc: string }>(
		'SELECT doc FROM yjs_snapshots WHERE board_id = ? AND last_update_id > ? ORDER BY doc'
	);
	const upsertSnapshot = sqlite.prepare<[string, string, Buffer, number, number]>(
		`INSERT INTO yjs_snapshots (board_id, doc, data, last_update_id, updated_at) VALUES (?, ?, ?, ?, ?)
		 ON CONFLICT (board_id, doc) DO UPDATE SET data = excluded.data, last_update_id = excluded.last_update_id, updated_at = excluded.updated_at`
	);
	const dropTail = sqlite.prepare<[string, string, number]>('DELETE FROM yjs_updates WHERE board_id = ? AND doc = ? AND id <= ?');
	const count = sqlite.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM yjs_updates WHERE board_id = ? AND doc = ?');
	const names = sqlite.prepare<[string, string, string, string], { doc: string }>(
		`SELECT doc FROM yjs_updates WHERE board_id = ? AND doc LIKE ? || '%'
		 UNION SELECT doc FROM yjs_snapshots WHERE board_id = ? AND doc LIKE ? || '%' ORDER BY doc`
	);
	const compactTx = sqlite.transaction((boardId: string, doc: string, state: Buffer, upTo: number) => {
		upsertSnapshot.run(boardId, doc, state, upTo, Date.now());
		dropTail.run(boardId, doc, upTo);
	});
	const toStored = (row: Row): StoredUpdate => ({ seq: row.id, doc: row.doc, data: row.data });
	return {
		async load(boardId, doc) {
			const snap = snapshot.get(boardId, doc);
			const rows = tail.all(boardId, doc, snap?.last ?? 0).map(toStored);
			return { snapshot: snap?.data ?? null, tail: rows, head: rows.at(-1)?.seq ?? snap?.last ?? 0 };
		},
		async append(boardId, doc, update) {
			// One process owns the file and the rooms queue each board's writes: `afterSeq` always holds.
			const row = insert.get(boardId, doc, toBuffer(update));
			if (!row) throw new Error('the update was not stored');
			return row.id;
		},
		async since(boardId, seq) {
			return { updates: since.all(boardId, seq).map(toStored), folded: foldedSince.all(boardId, seq).map((r) => r.doc) };
		},
		async compact(boardId, doc, state, upToSeq) {
			compactTx(boardId, doc, toBuffer(state), upToSeq);
		},
		async tailLength(boardId, doc) {
			return count.get(boardId, doc)?.n ?? 0;
		},
		async docNames(boardId, prefix) {
			return names.all(boardId, prefix, boardId, prefix).map((r) => r.doc);
		}
	};
}

/** Runs a drizzle query built for better-sqlite3 synchronously (inside a transaction). */
function runSync(query: PromiseLike<unknown>): unknown {
	return (query as unknown as { _prepare(): { execute(): { sync(): unknown } } })._prepare().execute().sync();
}

/** Opens (creating if needed) and migrates the database file; throws DatabaseOpenError with a clear message. */
export function openSqlite(file: string, migrationsFolder: string): Db {
	mkdirSync(dirname(file), { recursive: true });
	let sqlite: Database.Database | undefined;
	try {
		sqlite = new Database(file, { fileMustExist: false });
		// Reading the schema first fails on a corrupt or foreign file before anything is written to it.
		sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
		sqlite.pragma('journal_mode = WAL');
		// NORMAL in WAL mode: a committed update survives the process being killed (kill -9).
		sqlite.pragma('synchronous = NORMAL');
		sqlite.pragma('foreign_keys = ON');
		// Deleted boards are overwritten, not just unlinked, so their notes leave the file.
		sqlite.pragma('secure_delete = ON');
		sqlite.pragma('busy_timeout = 5000');
		const q = drizzle(sqlite, { schema: tables });
		migrate(q, { migrationsFolder: join(migrationsFolder, 'sqlite') });
		const client = sqlite;
		return {
			dialect: 'sqlite',
			q: q as Query,
			t: tables,
			store: sqliteBoardStore(client),
			location: file,
			async atomic(build) {
				return client.transaction(() => build(q as Query).map(runSync))();
			},
			async rows<T>(text: string, params: unknown[] = []) {
				const statement = client.prepare(text);
				return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
			},
			async exclusive(_name, fn) {
				await fn();
				return true;
			},
			async afterPurge() {
				// With secure_delete the rows are overwritten in the main file; truncating the WAL drops its older copies.
				client.pragma('wal_checkpoint(TRUNCATE)');
			},
			async ping() {
				client.prepare('SELECT 1').get();
			},
			async close() {
				if (client.open) client.close();
			}
		};
	} catch (err) {
		sqlite?.close();
		throw new DatabaseOpenError(`Cannot open the database ${file}: ${(err as Error).message}`);
	}
}

/** The most pages better-sqlite3 lets one backup step copy. */
const ALL_PAGES = 0x7fffffff;

/** `npm run backup`: a consistent copy of the file while the server writes (server/backup.ts). */
export async function backupSqlite(file: string, destination: string): Promise<void> {
	const db = new Database(file, { fileMustExist: true });
	try {
		// All pages in one step: SQLite restarts a stepwise copy whenever the server
		// writes between two steps, so on a busy board it would never finish. One step
		// reads one consistent snapshot while the server goes on writing to the WAL.
		await db.backup(destination, { progress: () => ALL_PAGES });
	} finally {
		db.close();
	}
}
