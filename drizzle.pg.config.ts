import { defineConfig } from 'drizzle-kit';

/** PostgreSQL (TRAME_DATABASE_URL); the same tables as drizzle.config.ts (SQLite). */
export default defineConfig({
	dialect: 'postgresql',
	schema: './server/db/schema-pg.ts',
	out: './drizzle/pg'
});
