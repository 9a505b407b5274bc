import { defineConfig } from 'drizzle-kit';

/** The embedded SQLite mode; drizzle.pg.config.ts is PostgreSQL's. `npm run db:generate` runs both. */
export default defineConfig({
	dialect: 'sqlite',
	schema: './server/db/schema-sqlite.ts',
	out: './drizzle/sqlite'
});
