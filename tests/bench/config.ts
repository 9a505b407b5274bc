/**
 * The benchmark's settings, read from the environment in this one place.
 * Defaults finish the whole run in about 15 minutes on a 2-core machine.
 */
export interface BenchConfig {
	/** Clients on the board, one run each (BENCH_FANOUT_CLIENTS=10,50,200). */
	fanoutClients: number[];
	/** Keystrokes per second of one typist. */
	fanoutRate: number;
	fanoutSeconds: number;
	eventBoards: number;
	eventClientsPerBoard: number;
	eventTypistsPerBoard: number;
	eventRate: number;
	eventSeconds: number;
	/** Notes on the boards that are cold loaded (BENCH_COLD_NOTES=2000,10000). */
	coldNotes: number[];
	coldJoiners: number;
	crashCycles: number;
	/** Browser scenario (Trame only): notes on the board, Node clients typing elsewhere, keystrokes measured. */
	browserNotes: number;
	browserEditors: number;
	browserKeystrokes: number;
	crashRate: number;
	/** Scenario `plenary`: participants joining from one address, and the note rates (BENCH_PLENARY_*). */
	plenaryParticipants: number;
	plenaryJoinSeconds: number;
	/** Wall-clock budget of one plenary run (BENCH_PLENARY_CAP_SECONDS); a server past it is not run again. */
	plenaryCapSeconds: number;
	/** Browser figures on the plenary board: notes, and Node clients typing meanwhile. */
	plenaryBrowserNotes: number;
	plenaryBrowserEditors: number;
	/**
	 * Latency scenarios run this many times, alternating the servers; each
	 * server's best run (lowest p99) is kept, to filter out other processes' interference.
	 */
	repeat: number;
	/** Which servers to run (BENCH_SERVERS=trame,hocuspocus). */
	servers: string[];
	/** Which scenarios to run (BENCH_SCENARIOS=fanout,event,cold,crash,browser,plenary). */
	scenarios: string[];
	/** When set, Trame runs under `node --cpu-prof` and writes its profiles here (BENCH_PROFILE_DIR). */
	profileDir: string | null;
}

type Env = Record<string, string | undefined>;

function num(env: Env, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
	return value;
}

function list(env: Env, name: string, fallback: string[]): string[] {
	const raw = env[name];
	return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : fallback;
}

function nums(env: Env, name: string, fallback: number[]): number[] {
	return list(env, name, fallback.map(String)).map((s) => num({ [name]: s }, name, 0));
}

export function loadBenchConfig(env: Env = process.env): BenchConfig {
	return {
		fanoutClients: nums(env, 'BENCH_FANOUT_CLIENTS', [10, 50, 200]),
		fanoutRate: num(env, 'BENCH_FANOUT_RATE', 20),
		fanoutSeconds: num(env, 'BENCH_FANOUT_SECONDS', 10),
		eventBoards: num(env, 'BENCH_EVENT_BOARDS', 30),
		eventClientsPerBoard: num(env, 'BENCH_EVENT_CLIENTS', 30),
		eventTypistsPerBoard: num(env, 'BENCH_EVENT_TYPISTS', 3),
		eventRate: num(env, 'BENCH_EVENT_RATE', 5),
		eventSeconds: num(env, 'BENCH_EVENT_SECONDS', 10),
		coldNotes: nums(env, 'BENCH_COLD_NOTES', [2000, 10000]),
		coldJoiners: num(env, 'BENCH_COLD_JOINERS', 100),
		crashCycles: num(env, 'BENCH_CRASH_CYCLES', 50),
		browserNotes: num(env, 'BENCH_BROWSER_NOTES', 2000),
		browserEditors: num(env, 'BENCH_BROWSER_EDITORS', 20),
		browserKeystrokes: num(env, 'BENCH_BROWSER_KEYSTROKES', 50),
		crashRate: num(env, 'BENCH_CRASH_RATE', 50),
		plenaryParticipants: num(env, 'BENCH_PLENARY_PARTICIPANTS', 1200),
		plenaryJoinSeconds: num(env, 'BENCH_PLENARY_JOIN_SECONDS', 60),
		plenaryCapSeconds: num(env, 'BENCH_PLENARY_CAP_SECONDS', 420),
		plenaryBrowserNotes: num(env, 'BENCH_PLENARY_BROWSER_NOTES', 10_000),
		plenaryBrowserEditors: num(env, 'BENCH_PLENARY_BROWSER_EDITORS', 50),
		repeat: num(env, 'BENCH_REPEAT', 3),
		servers: list(env, 'BENCH_SERVERS', ['trame', 'hocuspocus']),
		scenarios: list(env, 'BENCH_SCENARIOS', ['fanout', 'event', 'cold', 'crash', 'browser', 'plenary']),
		profileDir: env.BENCH_PROFILE_DIR || null
	};
}

/** The event-load scenario's workload (one definition for `npm run bench` and `npm run bench:cluster`). */
export function eventLoadOf(config: BenchConfig) {
	return {
		boards: config.eventBoards,
		clientsPerBoard: config.eventClientsPerBoard,
		typistsPerBoard: config.eventTypistsPerBoard,
		rate: config.eventRate,
		seconds: config.eventSeconds
	};
}
