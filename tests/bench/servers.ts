/**
 * Starts Trame (the built `dist/server.js`) or Hocuspocus (hocuspocus-server.js)
 * as a child process on 127.0.0.1, so its CPU and memory can be read from
 * /proc, and stops it gracefully (SIGTERM) or kills it (SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadBenchConfig } from './config';
import { sleep } from './stats';

export type ServerKind = 'trame' | 'hocuspocus';

/** The repository root: the nearest folder above this module with package.json (the bundle runs from out/). */
function findRoot(from: string): string {
	for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
	throw new Error(`no package.json above ${from}`);
}

export const ROOT = findRoot(import.meta.dirname);
export const OUT_DIR = join(ROOT, 'tests/bench/out');

export interface RunningServer {
	kind: ServerKind;
	port: number;
	pid: number;
	dataDir: string;
	/** SIGTERM, then wait for the exit (Trame compacts, Hocuspocus stores its documents). */
	stop(): Promise<void>;
	/** kill -9, then wait for the exit. */
	kill(): Promise<void>;
}

export function newDataDir(kind: ServerKind): string {
	return mkdtempSync(join(tmpdir(), `bench-${kind}-`));
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

function command(kind: ServerKind, port: number, dataDir: string, profileDir: string | null) {
	const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: String(port), HOST: '127.0.0.1' };
	if (kind === 'trame') {
		const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
		return {
			args: [...profile, join(ROOT, 'dist/server.js')],
			// The bench creates many boards from one address: no creation rate limit.
			env: { ...env, TRAME_DATA_DIR: dataDir, TRAME_LOG_LEVEL: 'warn', TRAME_CREATES_PER_HOUR: '0' },
			ready: '/healthz'
		};
	}
	return { args: [join(ROOT, 'tests/bench/hocuspocus-server.js')], env: { ...env, HOCUSPOCUS_DATA_DIR: dataDir }, ready: '/' };
}

async function waitReady(child: ChildProcess, url: string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode} (see tests/bench/out/*.log)`);
		try {
			const res = await fetch(url);
			if (res.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(20);
	}
	throw new Error(`server not ready at ${url}`);
}

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface StartOptions {
	port?: number;
	dataDir?: string;
	/** More environment (Trame: TRAME_DATABASE_URL, TRAME_REDIS_URL). */
	env?: Record<string, string>;
}

const PROFILE_DIR = loadBenchConfig().profileDir;

export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<RunningServer> {
	const port = options.port ?? (await freePort());
	const dataDir = options.dataDir ?? newDataDir(kind);
	const { args, env, ready } = command(kind, port, dataDir, PROFILE_DIR);
	const log = openSync(join(OUT_DIR, `${kind}.log`), 'a');
	const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...env, ...options.env }, stdio: ['ignore', log, log] });
	closeSync(log);
	await waitReady(child, `http://127.0.0.1:${port}${ready}`);
	const signal = async (sig: NodeJS.Signals) => {
		child.kill(sig);
		await exited(child);
	};
	return { kind, port, pid: child.pid!, dataDir, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}
