/**
 * PostgreSQL (TRAME_DATABASE_URL), shared by every instance. A board's
 * updates carry its sequence number (`yjs_updates.id`, primary key with
 * `board_id`): an append inserts "the sequence the instance validated
 * against + 1" and does nothing if another instance took that number first
 * (ON CONFLICT DO NOTHING), so the caller catches up, re-validates and
 * retries. One round trip per accepted edit.
 */
import { join } from 'node:path';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as tables from '../db/schema-pg';
import { DatabaseOpenError, type BoardStore, type Db, type Query, type StoredUpdate } from './types';

interface Row {
	id: number;
	doc: string;
	data: Buffer;
}

const toStored = (row: Row): StoredUpdate => ({ seq: row.id, doc: row.doc, data: row.data });

function toBuffer(data: Uint8Array): Buffer {
	return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** 64-bit advisory lock key of a name (a board id, a job), computed by PostgreSQL. */
const LOCK = 'hashtextextended($1, 0)';

async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query(begin);
		const result = await fn(client);
		await client.query('COMMIT');
		return result;
	} catch (err) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw err;
	} finally {
		client.release();
	}
}

function pgBoardStore(pool: pg.Pool): BoardStore {
	return {
		// One snapshot of the database (REPEATABLE READ): the snapshot, its tail and the head agree.
		load: (boardId, doc) =>
			inTransaction(
				pool,
				async (c) => {
					const snap = await c.query<{ data: Buffer; last: number }>(
						'SELECT data, last_update_id AS last FROM yjs_snapshots WHERE board_id = $1 AND doc = $2',
						[boardId, doc]
					);
					const last = snap.rows[0]?.last ?? 0;
					const tail = await c.query<Row>(
						'SELECT id, doc, data FROM yjs_updates WHERE board_id = $1 AND doc = $2 AND id > $3 ORDER BY id',
						[boardId, doc, last]
					);
					const head = await c.query<{ head: number | null }>('SELECT max(id) AS head FROM yjs_updates WHERE board_id = $1', [boardId]);
					return {
						snapshot: snap.rows[0]?.data ?? null,
						tail: tail.rows.map(toStored),
						head: Math.max(head.rows[0]?.head ?? 0, last)
					};
				},
				'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'
			),
		async append(boardId, doc, update, afterSeq) {
			const result = await pool.query<{ id: number }>(
				'INSERT INTO yjs_updates (board_id, id, doc, data) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id',
				[boardId, afterSeq + 1, doc, toBuffer(update)]
			);
			return result.rows[0]?.id ?? 'conflict';
		},
		async since(boardId, seq) {
			const result = await pool.query<Row>('SELECT id, doc, data FROM yjs_updates WHERE board_id = $1 AND id > $2 ORDER BY id', [boardId, seq]);
			// Read after the log: a compaction committed before the log was read shows here. (Read first, a
			// compaction in between would drop rows from the log unseen.)
			const folded = await pool.query<{ doc: string }>(
				'SELECT doc FROM yjs_snapshots WHERE board_id = $1 AND last_update_id > $2 ORDER BY doc',
				[boardId, seq]
			);
			return { updates: result.rows.map(toStored), folded: folded.rows.map((r) => r.doc) };
		},
		/**
		 * One instance compacts a board at a time (an advisory lock; another
		 * instance's compaction is skipped, not waited for). A snapshot never goes
		 * back to an older sequence. The board's newest row is kept: it is the
		 * head the next append's primary key races against.
		 */
		compact: (boardId, doc, state, upToSeq) =>
			inTransaction(pool, async (c) => {
				const locked = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(${LOCK}) AS ok`, [`compact:${boardId}`]);
				if (!locked.rows[0]?.ok) return;
				await c.query(
					`INSERT INTO yjs_snapshots (board_id, doc, data, last_update_id, updated_at) VALUES ($1, $2, $3, $4, now())
					 ON CONFLICT (board_id, doc) DO UPDATE SET data = excluded.data, last_update_id = excluded.last_update_id, updated_at = now()
					 WHERE yjs_snapshots.last_update_id <= excluded.last_update_id`,
					[boardId, doc, toBuffer(state), upToSeq]
				);
				await c.query(
					`DELETE FROM yjs_updates WHERE board_id = $1 AND doc = $2 AND id <= $3
					 AND id < (SELECT max(id) FROM yjs_updates WHERE board_id = $1)`,
					[boardId, doc, upToSeq]
				);
			}),
		async tailLength(boardId, doc) {
			const result = await pool.query<{ n: string }>('SELECT count(*) AS n FROM yjs_updates WHERE board_id = $1 AND doc = $2', [boardId, doc]);
			return Number(result.rows[0]?.n ?? 0);
		},
		async docNames(boardId, prefix) {
			const result = await pool.query<{ doc: string }>(
				`SELECT doc FROM yjs_updates WHERE board_id = $1 AND starts_with(doc, $2)
				 UNION SELECT doc FROM yjs_snapshots WHERE board_id = $1 AND starts_with(doc, $2) ORDER BY doc`,
				[boardId, prefix]
			);
			return result.rows.map((r) => r.doc);
		}
	};
}

/** The URL without its password, for messages and logs. */
export function redactDatabaseUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'TRAME_DATABASE_URL';
	}
}

/** `?` placeholders to PostgreSQL's `$1, $2…`. */
function numbered(text: string): string {
	let n = 0;
	return text.replace(/\?/g, () => `$${++n}`);
}

/** Connects, migrates (one instance at a time), and returns the handle; throws DatabaseOpenError naming the server. */
export async function openPostgres(url: string, migrationsFolder: string): Promise<Db> {
	const location = redactDatabaseUrl(url);
	// Counts and ids come back as numbers, not strings (none of ours passes 2^53).
	const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as 'text')) };
	const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000, types: types as pg.CustomTypesConfig });
	// An idle connection that breaks (server restarted) is dropped, not fatal; the next query opens another.
	pool.on('error', () => undefined);
	try {
		await pool.query('SELECT 1');
		const q = drizzle(pool, { schema: tables });
		// Several instances may start together: the migrations run under a lock, once.
		const lock = await pool.connect();
		try {
			await lock.query(`SELECT pg_advisory_lock(${LOCK})`, ['trame:migrate']);
			await migrate(q, { migrationsFolder: join(migrationsFolder, 'pg') });
		} finally {
			await lock.query(`SELECT pg_advisory_unlock(${LOCK})`, ['trame:migrate']).catch(() => undefined);
			lock.release();
		}
		return {
			dialect: 'postgresql',
			q: q as unknown as Query,
			t: tables as unknown as Db['t'],
			store: pgBoardStore(pool),
			location,
			async atomic(build) {
				return q.transaction(async (tx) => {
					const out: unknown[] = [];
					for (const query of build(tx as unknown as Query)) out.push(await query);
					return out;
				});
			},
			async rows<T>(text: string, params: unknown[] = []) {
				return (await pool.query(numbered(text), params)).rows as T[];
			},
			exclusive: (name, fn) =>
				inTransaction(pool, async (c) => {
					const locked = await c.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(${LOCK}) AS ok`, [name]);
					if (!locked.rows[0]?.ok) return false;
					await fn();
					return true;
				}),
			async afterPurge() {
				// PostgreSQL reuses the deleted rows' space after (auto)vacuum; see README, backups.
			},
			async ping() {
				await pool.query('SELECT 1');
			},
			async close() {
				await pool.end();
			}
		};
	} catch (err) {
		await pool.end().catch(() => undefined);
		throw new DatabaseOpenError(`Cannot use the PostgreSQL database ${location} (TRAME_DATABASE_URL): ${(err as Error).message}`);
	}
}
