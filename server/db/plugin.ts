/**
 * The `db` plugin: opens the database the configuration names (the SQLite
 * file, or PostgreSQL with TRAME_DATABASE_URL), applies its drizzle
 * migrations, decorates `app.db`, and closes it on shutdown.
 */
import fp from 'fastify-plugin';
import { openDatabase } from '../store/open';
import type { Db } from '../store/types';

export type { Db } from '../store/types';
export { DatabaseOpenError } from '../store/types';

declare module 'fastify' {
	interface FastifyInstance {
		db: Db;
	}
}

export default fp<{ file: string; url: string | null; migrationsFolder: string }>(
	async (app, opts) => {
		const db = await openDatabase(opts);
		app.decorate('db', db);
		app.addHook('onClose', async () => {
			await db.close();
		});
	},
	{ name: 'db' }
);
