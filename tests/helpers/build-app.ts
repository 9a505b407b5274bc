/**
 * Builds the real app on a fresh temp data dir (fastify/demo's `build(t)`):
 * real SQLite file, real migrations, no web build needed; closed after the test.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase, type Db } from '../../server/db/plugin';

export const MIGRATIONS = join(import.meta.dirname, '../../drizzle');

export function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'trame-test-'));
	onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

export async function buildTestApp(env: Record<string, string> = {}) {
	const dataDir = tempDir();
	const config = loadConfig({ TRAME_DATA_DIR: dataDir, TRAME_LOG_LEVEL: 'silent', ...env });
	const app = await buildApp({ config, migrationsFolder: MIGRATIONS, web: false, logger: false });
	onTestFinished(() => app.close());
	return { app, config };
}

export function testDb(): { db: Db; file: string } {
	const file = join(tempDir(), 'trame.db');
	const db = openDatabase(file, MIGRATIONS);
	onTestFinished(() => {
		if (db.$client.open) db.$client.close();
	});
	return { db, file };
}
