/**
 * Real PostgreSQL and Redis servers from Debian's packages (`postgresql`,
 * `redis-server`; .ci/run installs them), each on a free port with its data
 * in a temporary directory, for the tests that run Trame against them.
 * PostgreSQL refuses to run as root: as root, its commands run as the
 * `postgres` user (runuser), and the directory is handed to that user.
 * Nothing here skips: a missing binary is an error that says what to install.
 * No vitest import: `npm run bench` uses it too.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, sleep } from './server-process';

const run = promisify(execFile);
const PG_BIN = process.env.TRAME_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const REDIS_SERVER = process.env.TRAME_TEST_REDIS_SERVER ?? '/usr/bin/redis-server';
const READY_TIMEOUT_MS = 60_000;

function need(path: string, pkg: string): void {
	if (!existsSync(path)) throw new Error(`${path} is missing: install Debian's ${pkg} (apt-get install -y ${pkg}; .ci/run does)`);
}

const asRoot = process.getuid?.() === 0;

/** A command as the user PostgreSQL accepts to run as. */
function pgCommand(binary: string, args: string[]): [string, string[]] {
	const path = join(PG_BIN, binary);
	return asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

/** Runs from the temp dir: the postgres user may not be allowed into the current directory. */
async function pgRun(binary: string, args: string[], cwd: string): Promise<void> {
	const [cmd, argv] = pgCommand(binary, args);
	await run(cmd, argv, { timeout: READY_TIMEOUT_MS, cwd });
}

export interface Postgres {
	port: number;
	/** A URL of a new, empty database on this server. */
	createDatabase(): Promise<string>;
	/** Stops the server (fast shutdown): clients' connections break. */
	stop(): Promise<void>;
	/** Starts it again on the same port and data. */
	start(): Promise<void>;
	/** Stops it for good and removes its data. */
	destroy(): Promise<void>;
}

let databases = 0;

export async function startPostgres(): Promise<Postgres> {
	need(join(PG_BIN, 'initdb'), 'postgresql');
	const dir = mkdtempSync(join(tmpdir(), 'trame-pg-'));
	const data = join(dir, 'data');
	if (asRoot) {
		chownSync(dir, uidOf('postgres'), gidOf('postgres'));
		chmodSync(dir, 0o700);
	}
	await pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], dir);
	const port = await freePort();
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=on -c max_connections=200 -c shared_buffers=32MB`;
	const start = () => pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', '-t', '60', 'start'], dir);
	const stop = () => pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'], dir);
	await start();
	const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
	let running = true;
	return {
		port,
		async createDatabase() {
			return createDatabase(admin, `trame_${process.pid}_${++databases}`);
		},
		async stop() {
			await stop();
			running = false;
		},
		async start() {
			await start();
			running = true;
		},
		async destroy() {
			if (running) await stop().catch(() => undefined);
			running = false;
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

function uidOf(user: string): number {
	return Number(execSyncText('id', ['-u', user]));
}

function gidOf(user: string): number {
	return Number(execSyncText('id', ['-g', user]));
}

function execSyncText(cmd: string, args: string[]): string {
	return String(execFileSync(cmd, args)).trim();
}

export interface RedisServer {
	port: number;
	url: string;
	/** Kills the server (SIGKILL): nothing is kept, it has no persistence. */
	kill(): Promise<void>;
	start(): Promise<void>;
	/** Runs a command through redis-cli (e.g. CLIENT KILL TYPE pubsub). */
	command(...args: string[]): Promise<string>;
	destroy(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
	need(REDIS_SERVER, 'redis-server');
	const dir = mkdtempSync(join(tmpdir(), 'trame-redis-'));
	const port = await freePort();
	let child: ChildProcess | null = null;
	const start = async () => {
		child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
			stdio: 'ignore'
		});
		const deadline = Date.now() + READY_TIMEOUT_MS;
		while (Date.now() < deadline) {
			try {
				if ((await command('PING')) === 'PONG') return;
			} catch {
				// not up yet
			}
			await sleep(50);
		}
		throw new Error('redis-server did not answer PING');
	};
	const command = async (...args: string[]) => (await run('redis-cli', ['-p', String(port), ...args])).stdout.trim();
	const kill = async () => {
		const c = child as ChildProcess | null;
		if (!c || c.exitCode !== null || c.signalCode !== null) return;
		const exited = new Promise((resolve) => c.once('exit', resolve));
		c.kill('SIGKILL');
		await exited;
	};
	await start();
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		kill,
		start,
		command,
		async destroy() {
			await kill();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Creates an empty database `name` on the server of `adminUrl`; returns its URL. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
	const client = new pg.Client(adminUrl);
	await client.connect();
	try {
		await client.query(`CREATE DATABASE ${name}`);
	} finally {
		await client.end();
	}
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}
