/**
 * End-to-end journeys against the real built server (`node dist/server.js`)
 * on a fresh SQLite file. Debian's Chromium is used when present: Playwright
 * cannot download browsers here (README, tests).
 */
import { defineConfig, devices } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// TRAME_E2E_PORT lets several checkouts run their browser tests side by side.
const PORT = Number(process.env.TRAME_E2E_PORT ?? 4173);
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const dataDir = process.env.TRAME_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'trame-e2e-'));
process.env.TRAME_E2E_DATA_DIR = dataDir; // workers re-read this config: keep one data dir

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		...devices['Desktop Chrome'],
		launchOptions: {
			executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: {
		command: 'node dist/server.js',
		url: `http://127.0.0.1:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			TRAME_DATA_DIR: dataDir,
			TRAME_PUBLIC_URL: `http://127.0.0.1:${PORT}`,
			TRAME_LOG_LEVEL: 'warn',
			// The journeys create many boards from one address: no creation rate limit here
			// (the limits have their own tests).
			TRAME_CREATES_PER_HOUR: '0'
		}
	}
});
