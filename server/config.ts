/**
 * Environment parsed once into a frozen Config (fail fast: a bad value stops
 * the server at start with a clear message). The only file that reads process.env.
 */
import { resolve, join } from 'node:path';

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	databaseFile: string;
	publicUrl: string;
	logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
	/** Milliseconds a board with no connection stays in memory before it is unloaded. */
	unloadAfterMs: number;
	/** Stored updates after which a board is compacted into one snapshot. */
	compactAfterUpdates: number;
	/** Where the SvelteKit build lives (build/handler.js). */
	webDir: string;
	/** Days after a session is closed before its board is deleted; null = keep until an organiser deletes it. */
	retentionDays: number | null;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
	}
	return value;
}

function url(env: Env, name: string, fallback: string): string {
	const raw = env[name] || fallback;
	let parsed: URL;
	try {
		parsed = new URL(raw);
	} catch {
		throw new ConfigError(`${name} must be an absolute http(s) URL such as https://trame.example.org, got "${raw}"`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
		throw new ConfigError(`${name} must start with http:// or https://, got "${raw}"`);
	}
	return parsed.origin;
}

/** Off unless set: deleting workshops' outcomes is the organiser's decision by default. */
function retentionDays(env: Env): number | null {
	const raw = env.TRAME_RETENTION_DAYS;
	if (raw === undefined || raw === '' || raw === 'off') return null;
	return int(env, 'TRAME_RETENTION_DAYS', 0, 1, 36_500);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, cwd = process.cwd(), root = cwd): Readonly<Config> {
	const port = int(env, 'PORT', 3000, 0, 65535);
	const dataDir = resolve(cwd, env.TRAME_DATA_DIR || './data');
	const logLevel = (env.TRAME_LOG_LEVEL || 'info') as Config['logLevel'];
	if (!LOG_LEVELS.includes(logLevel)) {
		throw new ConfigError(`TRAME_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
	}
	return Object.freeze({
		port,
		host: env.HOST || '0.0.0.0',
		dataDir,
		databaseFile: env.TRAME_DATABASE_FILE ? resolve(cwd, env.TRAME_DATABASE_FILE) : join(dataDir, 'trame.db'),
		publicUrl: url(env, 'TRAME_PUBLIC_URL', `http://localhost:${port}`),
		logLevel,
		unloadAfterMs: int(env, 'TRAME_UNLOAD_AFTER_MS', 30_000, 0, 86_400_000),
		compactAfterUpdates: int(env, 'TRAME_COMPACT_AFTER_UPDATES', 500, 1, 1_000_000),
		webDir: env.TRAME_WEB_DIR ? resolve(cwd, env.TRAME_WEB_DIR) : join(root, 'build'),
		retentionDays: retentionDays(env)
	});
}
