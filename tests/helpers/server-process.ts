/**
 * The REAL built server (`node dist/server.js`, what `npm start` runs) as a
 * child process on a free port and a temp data dir, for black-box tests.
 * `npm test` builds first; run `npm run build` once before `npx vitest run`.
 * Every process started here is killed when the test finishes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { testDatabaseUrl } from './store';

export const ROOT = join(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'dist/server.js');
const START_TIMEOUT_MS = 60_000;

export interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
}

/** A child process with its output collected and its exit as a promise. */
export interface Child {
	process: ChildProcess;
	exited: Promise<Exit>;
	stdout(): string;
	stderr(): string;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for the server to take). */
export async function freePort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const address = probe.address();
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	if (!address || typeof address === 'string') throw new Error('no port');
	return address.port;
}

/** A temp directory removed after the test. */
export function tempDataDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'trame-it-'));
	onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

/** Runs `node <script> ...args` from the repository root; killed (SIGKILL) after the test if still running. */
export function runNode(script: string, args: string[], env: Record<string, string>): Child {
	if (!existsSync(join(ROOT, script))) throw new Error(`${script} is missing: run "npm run build" first.`);
	const child = spawn(process.execPath, [script, ...args], {
		cwd: ROOT,
		env: { PATH: process.env.PATH ?? '', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	let err = '';
	child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
	const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	onTestFinished(() => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
	return { process: child, exited, stdout: () => out, stderr: () => err };
}

export interface ServerOptions {
	dataDir?: string;
	env?: Record<string, string>;
}

export class ServerProcess {
	readonly port: number;
	readonly dataDir: string;
	readonly env: Record<string, string>;
	#child: Child | null = null;
	#disposed = false;

	constructor(port: number, dataDir: string, extraEnv: Record<string, string> = {}) {
		this.port = port;
		this.dataDir = dataDir;
		this.env = {
			PORT: String(port),
			HOST: '127.0.0.1',
			TRAME_DATA_DIR: dataDir,
			TRAME_PUBLIC_URL: `http://127.0.0.1:${port}`,
			TRAME_LOG_LEVEL: 'warn',
			...extraEnv
		};
	}

	get origin(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Base URL for `new WebsocketProvider(server.yjsUrl, boardId, doc, …)`. */
	get yjsUrl(): string {
		return `ws://127.0.0.1:${this.port}/yjs`;
	}

	get databaseFile(): string {
		return join(this.dataDir, 'trame.db');
	}

	get child(): Child {
		if (!this.#child) throw new Error('the server is not running');
		return this.#child;
	}

	/** Starts the process and resolves once GET /healthz answers 200. */
	async start(): Promise<void> {
		// A timed-out test's code runs on: it must not start servers that nothing would stop.
		if (this.#disposed) throw new Error('the test has finished; not starting the server again');
		const child = runNode('dist/server.js', [], this.env);
		this.#child = child;
		let exit: Exit | null = null;
		void child.exited.then((e) => (exit = e));
		const deadline = Date.now() + START_TIMEOUT_MS;
		while (Date.now() < deadline) {
			if (exit) throw new Error(`the server exited (${JSON.stringify(exit)}) before it was ready:\n${child.stderr()}`);
			if (await healthy(this.origin)) return;
			await sleep(50);
		}
		throw new Error(`the server was not healthy after ${START_TIMEOUT_MS} ms:\n${child.stderr()}`);
	}

	/** Called when the test finishes (its processes are killed by runNode's own hook). */
	dispose(): void {
		this.#disposed = true;
	}

	/** Sends `signal` and waits for the process to exit. */
	async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<Exit> {
		const child = this.child;
		child.process.kill(signal);
		return child.exited;
	}

	/** A new process on the same data dir and port. */
	async restart(): Promise<void> {
		const child = this.child;
		if (child.process.exitCode === null && child.process.signalCode === null) await this.kill('SIGKILL');
		await this.start();
	}
}

async function healthy(origin: string): Promise<boolean> {
	try {
		const res = await fetch(`${origin}/healthz`);
		return res.status === 200;
	} catch {
		return false;
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts the built server on a free port and a temp data dir (or the given one); killed after the test. */
export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
	if (!existsSync(ENTRY)) throw new Error('dist/server.js is missing: run "npm run build" first.');
	// In the postgresql project (vitest.config.ts), on a new PostgreSQL database unless the test says which.
	const url = options.env?.TRAME_DATABASE_URL ?? (await testDatabaseUrl());
	const env = { ...(url ? { TRAME_DATABASE_URL: url } : {}), ...options.env };
	const server = new ServerProcess(await freePort(), options.dataDir ?? tempDataDir(), env);
	onTestFinished(() => server.dispose());
	await server.start();
	return server;
}

/**
 * Timeout for tests that drive server processes: a few seconds on an idle
 * machine, many times that on a loaded 2-core CI runner. Not a speed check.
 */
export const PROCESS_TEST_TIMEOUT_MS = 120_000;
