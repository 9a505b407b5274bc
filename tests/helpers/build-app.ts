/**
 * Builds the real app on a fresh temp data dir (fastify/demo's `build(t)`):
 * real migrations, no web build needed; closed after the test. The store is
 * the SQLite file, or a fresh PostgreSQL database when the test runs in the
 * `postgresql` project (vitest.config.ts, tests/helpers/store.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/store/open';
import type { Db } from '../../server/db/plugin';
import { testDatabaseUrl } from './store';

export const MIGRATIONS = join(import.meta.dirname, '../../drizzle');

export function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'trame-test-'));
	onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

export async function buildTestApp(env: Record<string, string> = {}) {
	const dataDir = tempDir();
	const url = await testDatabaseUrl();
	const config = loadConfig({ TRAME_DATA_DIR: dataDir, TRAME_LOG_LEVEL: 'silent', ...(url ? { TRAME_DATABASE_URL: url } : {}), ...env });
	const app = await buildApp({ config, migrationsFolder: MIGRATIONS, web: false, logger: false });
	onTestFinished(() => app.close());
	return { app, config };
}

export async function testDb(): Promise<{ db: Db; file: string }> {
	const file = join(tempDir(), 'trame.db');
	const db = await openDatabase({ file, url: await testDatabaseUrl(), migrationsFolder: MIGRATIONS });
	onTestFinished(() => db.close());
	return { db, file };
}
