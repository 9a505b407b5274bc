/**
 * The `db` plugin: opens the SQLite file (WAL), applies drizzle migrations,
 * decorates `app.db`, and closes the file on shutdown.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fp from 'fastify-plugin';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

declare module 'fastify' {
	interface FastifyInstance {
		db: Db;
	}
}

export class DatabaseOpenError extends Error {}

/** Opens (creating if needed) and migrates the database; throws DatabaseOpenError with a clear message. */
export function openDatabase(file: string, migrationsFolder: string): Db {
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
		const db = drizzle(sqlite, { schema });
		migrate(db, { migrationsFolder });
		return db as Db;
	} catch (err) {
		sqlite?.close();
		throw new DatabaseOpenError(`Cannot open the database ${file}: ${(err as Error).message}`);
	}
}

export default fp<{ file: string; migrationsFolder: string }>(
	async (app, opts) => {
		const db = openDatabase(opts.file, opts.migrationsFolder);
		app.decorate('db', db);
		app.addHook('onClose', async () => {
			db.$client.close();
		});
	},
	{ name: 'db' }
);
