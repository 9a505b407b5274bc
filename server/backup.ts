/**
 * `npm run backup -- <file>`: a consistent copy of the database while Trame
 * serves, through SQLite's online backup API (pages are copied in steps, so
 * the server keeps writing meanwhile). Restore: stop Trame, put the copy in
 * place of the database file (removing its -wal and -shm), start Trame.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from './config';

async function main() {
	const target = process.argv[2];
	if (!target) throw new Error('Usage: npm run backup -- <backup-file.db>');
	const destination = resolve(target);
	const config = loadConfig();
	if (!existsSync(config.databaseFile)) throw new Error(`No database at ${config.databaseFile}`);
	if (existsSync(destination)) throw new Error(`${destination} already exists; choose a new file name`);
	const db = new Database(config.databaseFile, { fileMustExist: true });
	try {
		await db.backup(destination);
	} finally {
		db.close();
	}
	console.log(`Backed up ${config.databaseFile} to ${destination}`);
}

main().catch((err) => {
	console.error(`Backup failed: ${(err as Error).message}`);
	process.exit(1);
});
