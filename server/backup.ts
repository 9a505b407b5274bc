/**
 * `npm run backup -- <file>`: a consistent copy of the database while Trame
 * serves, through SQLite's online backup API, which copies one consistent
 * snapshot while the server keeps writing. Restore: stop Trame, put the copy in
 * place of the database file (removing its -wal and -shm), start Trame.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from './config';
import { backupSqlite } from './store/sqlite';

async function main() {
	const target = process.argv[2];
	if (!target) throw new Error('Usage: npm run backup -- <backup-file.db>');
	const destination = resolve(target);
	const config = loadConfig();
	if (config.databaseUrl) throw new Error('TRAME_DATABASE_URL is set: back PostgreSQL up with pg_dump (README, running several instances)');
	if (!existsSync(config.databaseFile)) throw new Error(`No database at ${config.databaseFile}`);
	if (existsSync(destination)) throw new Error(`${destination} already exists; choose a new file name`);
	await backupSqlite(config.databaseFile, destination);
	console.log(`Backed up ${config.databaseFile} to ${destination}`);
}

main().catch((err) => {
	console.error(`Backup failed: ${(err as Error).message}`);
	process.exit(1);
});
