/**
 * Environment parsed once into a frozen Config (fail fast: a bad value stops
 * the server at start with a clear message). The only file that reads process.env.
 */
import { resolve, join } from 'node:path';
import { LIMITS } from '../src/lib/shared/limits';
import { ACCESSIBILITY_STATES, type AccessibilityState, type SiteInfo } from '../src/lib/shared/site';

export interface Config {
	port: number;
	host: string;
	dataDir: string;
	databaseFile: string;
	/** TRAME_DATABASE_URL: PostgreSQL instead of the SQLite file (several instances share it). */
	databaseUrl: string | null;
	/** TRAME_REDIS_URL: fan-out between instances (needs databaseUrl). */
	redisUrl: string | null;
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
	/** When set, creating a board or an event requires it (a server open to the internet). */
	instanceKey: string | null;
	/** Boards and events one address may create per hour; 0 = no limit. */
	createsPerHour: number;
	/** Unknown join codes one address may try per minute; 0 = no limit. */
	joinFailsPerMinute: number;
	/** Fastify's `trustProxy`: whom to believe about the client's address (X-Forwarded-For). */
	trustProxy: boolean | string;
	/** Milliseconds between websocket pings; a socket that missed a pong is dropped. */
	pingIntervalMs: number;
	/** Concurrent websocket connections from one address (a venue's wifi is one address): a ceiling, keys are capped first. */
	connectionsPerIp: number;
	/** New websocket connections admitted per second; the others wait in a queue (« connexion en cours… »). */
	joinsPerSecond: number;
	/** Who runs the instance and its accessibility state (legal notice, accessibility statement, footers). */
	site: SiteInfo;
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

/** Off, or at least 16 characters: a short key could be guessed within the creation rate limit's budget. */
function instanceKey(env: Env): string | null {
	const raw = env.TRAME_INSTANCE_KEY;
	if (raw === undefined || raw === '') return null;
	if (raw.length < 16 || /\s/.test(raw)) {
		throw new ConfigError('TRAME_INSTANCE_KEY must be at least 16 characters without spaces (e.g. the output of "openssl rand -base64 24")');
	}
	return raw;
}

/** Off (the default: Trame faces clients directly), "true", or the proxies' addresses/CIDRs, comma-separated. */
function trustProxy(env: Env): boolean | string {
	const raw = env.TRAME_TRUST_PROXY;
	if (raw === undefined || raw === '' || raw === 'false' || raw === 'off') return false;
	if (raw === 'true' || raw === 'on') return true;
	if (!/^[0-9a-fA-F.:/, ]+$/.test(raw)) {
		throw new ConfigError(`TRAME_TRUST_PROXY must be true or comma-separated proxy addresses (e.g. 127.0.0.1), got "${raw}"`);
	}
	return raw;
}

/** A connection URL of one of `protocols`, or null when unset. */
function serverUrl(env: Env, name: string, protocols: string[], example: string): string | null {
	const raw = env[name];
	if (raw === undefined || raw === '') return null;
	let parsed: URL | null = null;
	try {
		parsed = new URL(raw);
	} catch {
		// reported below
	}
	if (!parsed || !protocols.includes(parsed.protocol) || !parsed.hostname) {
		throw new ConfigError(`${name} must be a URL such as ${example}, got "${raw.replace(/:[^:@/]*@/, ':***@')}"`);
	}
	return raw;
}

function backends(env: Env): { databaseUrl: string | null; redisUrl: string | null } {
	const databaseUrl = serverUrl(env, 'TRAME_DATABASE_URL', ['postgres:', 'postgresql:'], 'postgres://trame:PASSWORD@localhost:5432/trame');
	const redisUrl = serverUrl(env, 'TRAME_REDIS_URL', ['redis:', 'rediss:'], 'redis://localhost:6379');
	if (redisUrl && !databaseUrl) {
		throw new ConfigError('TRAME_REDIS_URL shares boards between instances, which must also share one database: set TRAME_DATABASE_URL (PostgreSQL) too');
	}
	return { databaseUrl, redisUrl };
}

/** A line of text for the public pages: trimmed, at most 300 characters, no control characters. */
function text(env: Env, name: string): string {
	const raw = (env[name] ?? '').trim();
	if (raw.length > 300 || /[\u0000-\u001f\u007f]/.test(raw)) {
		throw new ConfigError(`${name} must be one line of at most 300 characters, got ${raw.length} characters`);
	}
	return raw;
}

/** The RGAA state of conformity; partial or full only with the audit that says so. */
function site(env: Env): SiteInfo {
	const accessibility = (env.TRAME_ACCESSIBILITY || 'none') as AccessibilityState;
	if (!ACCESSIBILITY_STATES.includes(accessibility)) {
		throw new ConfigError(`TRAME_ACCESSIBILITY must be one of ${ACCESSIBILITY_STATES.join(', ')}, got "${accessibility}"`);
	}
	const audit = text(env, 'TRAME_ACCESSIBILITY_AUDIT');
	if (accessibility !== 'none' && !audit) {
		throw new ConfigError('TRAME_ACCESSIBILITY=partial or full needs TRAME_ACCESSIBILITY_AUDIT (the audit\'s date, auditor and result): without an audit the state is "none"');
	}
	return Object.freeze({
		operator: text(env, 'TRAME_OPERATOR_NAME'),
		address: text(env, 'TRAME_OPERATOR_ADDRESS'),
		contact: text(env, 'TRAME_OPERATOR_CONTACT'),
		publicationDirector: text(env, 'TRAME_PUBLICATION_DIRECTOR'),
		hosting: text(env, 'TRAME_HOSTING'),
		accessibility,
		audit
	});
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
		...backends(env),
		publicUrl: url(env, 'TRAME_PUBLIC_URL', `http://localhost:${port}`),
		logLevel,
		unloadAfterMs: int(env, 'TRAME_UNLOAD_AFTER_MS', 30_000, 0, 86_400_000),
		compactAfterUpdates: int(env, 'TRAME_COMPACT_AFTER_UPDATES', 500, 1, 1_000_000),
		webDir: env.TRAME_WEB_DIR ? resolve(cwd, env.TRAME_WEB_DIR) : join(root, 'build'),
		retentionDays: retentionDays(env),
		instanceKey: instanceKey(env),
		createsPerHour: int(env, 'TRAME_CREATES_PER_HOUR', 20, 0, 1_000_000),
		joinFailsPerMinute: int(env, 'TRAME_JOIN_FAILS_PER_MINUTE', 30, 0, 1_000_000),
		trustProxy: trustProxy(env),
		pingIntervalMs: int(env, 'TRAME_PING_INTERVAL_MS', 30_000, 100, 3_600_000),
		connectionsPerIp: int(env, 'TRAME_CONNECTIONS_PER_IP', LIMITS.connectionsPerIp, 1, 1_000_000),
		joinsPerSecond: int(env, 'TRAME_JOINS_PER_SECOND', 200, 1, 100_000),
		site: site(env)
	});
}
