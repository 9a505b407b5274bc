/**
 * Which store a test runs against. In the `postgresql` project
 * (vitest.config.ts) a real PostgreSQL server runs for the whole run
 * (postgres-setup.ts) and every test app or server gets its own new database;
 * elsewhere, the SQLite file.
 */
import { inject } from 'vitest';
import { createDatabase } from './backends';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The PostgreSQL server's admin URL, in the postgresql project. */
		postgresAdminUrl: string | undefined;
	}
}

let created = 0;

/** A new empty database's URL in the postgresql project, else null (SQLite). */
export async function testDatabaseUrl(): Promise<string | null> {
	const admin = inject('postgresAdminUrl');
	if (!admin) return null;
	return createDatabase(admin, `trame_t${process.pid}_${++created}`);
}
