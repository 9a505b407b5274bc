/** Chooses the storage from the configuration: PostgreSQL when a URL is set, else the SQLite file. */
import { openPostgres } from './postgres';
import { openSqlite } from './sqlite';
import type { Db } from './types';

export async function openDatabase(opts: { file: string; url: string | null; migrationsFolder: string }): Promise<Db> {
	return opts.url ? openPostgres(opts.url, opts.migrationsFolder) : openSqlite(opts.file, opts.migrationsFolder);
}
