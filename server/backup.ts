/**
 * `npm run backup -- <file>`: a consistent copy of the database while Trame
 * serves, through SQLite's online backup API, which copies one consistent
 * snapshot while the server keeps writing. Restore: stop Trame, put the copy in
 * place of the database file (removing its -wal and -shm), start Trame.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from './config';

/** The most pages better-sqlite3 lets one backup step copy. */
const ALL_PAGES = 0x7fffffff;

async function main() {
	const target = process.argv[2];
	if (!target) throw new Error('Usage: npm run backup -- <backup-file.db>');
	const destination = resolve(target);
	const config = loadConfig();
	if (!existsSync(config.databaseFile)) throw new Error(`No database at ${config.databaseFile}`);
	if (existsSync(destination)) throw new Error(`${destination} already exists; choose a new file name`);
	const db = new Database(config.databaseFile, { fileMustExist: true });
	try {
		// All pages in one step: SQLite restarts a stepwise copy whenever the server
		// writes between two steps, so on a busy board it would never finish. One step
		// reads one consistent snapshot while the server goes on writing to the WAL.
		await db.backup(destination, { progress: () => ALL_PAGES });
	} finally {
		db.close();
	}
	console.log(`Backed up ${config.databaseFile} to ${destination}`);
}

main().catch((err) => {
	console.error(`Backup failed: ${(err as Error).message}`);
	process.exit(1);
});
