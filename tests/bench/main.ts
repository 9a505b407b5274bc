/**
 * `npm run bench`: Trame against Hocuspocus 3 on this machine, same clients,
 * same edits, one server at a time. Prints one table and writes
 * tests/bench/out/results.json and tests/bench/RESULTS.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventLoadOf, loadBenchConfig, type BenchConfig } from './config';
import { environment, markdownTable, printTable } from './report';
import { failures, tableRows, type Outcome, type PerServer, type Results } from './rows';
import { browserScenario } from './scenarios/browser';
import { coldLoad } from './scenarios/cold-load';
import { crash } from './scenarios/crash';
import { eventLoad } from './scenarios/event-load';
import { fanout, type LatencyResult } from './scenarios/fanout';
import { plenary, type PlenaryResult } from './scenarios/plenary';
import { summarize } from './stats';
import { OUT_DIR, ROOT, type ServerKind } from './servers';
import { resultsMarkdown } from './results-md';

async function attempt<T>(label: string, run: () => Promise<T>): Promise<Outcome<T>> {
	const started = performance.now();
	process.stdout.write(`${label} … `);
	try {
		const result = await run();
		console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
		return result;
	} catch (err) {
		console.log(`failed: ${(err as Error).message}`);
		return { error: (err as Error).message };
	}
}

/** Runs `run` `repeat` times per server, alternating servers; keeps each server's run with the lowest p99. */
async function bestOf(
	config: BenchConfig,
	label: string,
	run: (kind: ServerKind) => Promise<LatencyResult>
): Promise<PerServer<LatencyResult>> {
	const best: PerServer<LatencyResult> = {};
	for (let i = 1; i <= config.repeat; i++) {
		for (const kind of config.servers as ServerKind[]) {
			const outcome = await attempt(`${label}, ${kind} (run ${i}/${config.repeat})`, () => run(kind));
			if (!('error' in outcome)) console.log(`  p50 ${outcome.p50.toFixed(1)} ms, p99 ${outcome.p99.toFixed(1)} ms`);
			const kept = best[kind];
			if (!kept || 'error' in kept || (!('error' in outcome) && outcome.p99 < kept.p99)) best[kind] = outcome;
		}
	}
	return best;
}

/** Runs `run` `repeat` times per server, alternating servers; keeps the median of each figure. */
async function medianOf(config: BenchConfig, label: string, run: (kind: ServerKind) => Promise<PlenaryResult>): Promise<PerServer<PlenaryResult>> {
	const runs: Partial<Record<ServerKind, PlenaryResult[]>> = {};
	const out: PerServer<PlenaryResult> = {};
	const gaveUp = new Set<ServerKind>();
	for (let i = 1; i <= config.repeat; i++) {
		for (const kind of config.servers as ServerKind[]) {
			if (gaveUp.has(kind)) continue;
			const outcome = await attempt(`${label}, ${kind} (run ${i}/${config.repeat})`, () => run(kind));
			if ('error' in outcome) out[kind] ??= outcome;
			else {
				// A server that could not get through the workload in the budget is not run again: its figures are those it reached.
				if (outcome.unfinished) {
					console.log(`  did not get through the workload (stopped during ${outcome.unfinished}: past the ${config.plenaryCapSeconds} s budget, or no socket within 30 s)`);
					gaveUp.add(kind);
				}
				console.log(`  joined ${outcome.joined}, refused ${outcome.refused}, synced p99 ${outcome.syncP99.toFixed(0)} ms, edit p99 ${outcome.steadyP99.toFixed(0)} ms`);
				(runs[kind] ??= []).push(outcome);
			}
		}
	}
	for (const [kind, list] of Object.entries(runs) as [ServerKind, PlenaryResult[]][]) {
		out[kind] = { ...medianFigures(list), unfinished: list.find((r) => r.unfinished)?.unfinished ?? null, runs: list.length };
	}
	return out;
}

/** Each numeric figure's median over the runs (other fields from the first run). */
function medianFigures<T extends object>(list: T[]): T {
	const first = list[0] as Record<string, unknown>;
	const figures = Object.keys(first).filter((k) => typeof first[k] === 'number');
	return { ...first, ...Object.fromEntries(figures.map((k) => [k, summarize(list.map((r) => (r as Record<string, number>)[k])).p50])) } as T;
}

/** Runs a Trame-only scenario `repeat` times; the median of each figure, or the first error if no run got through. */
async function trameMedian<T extends object>(config: BenchConfig, label: string, run: () => Promise<T>): Promise<Outcome<T & { runs: number }>> {
	const list: T[] = [];
	let failed: { error: string } | null = null;
	for (let i = 1; i <= config.repeat; i++) {
		const outcome = await attempt(`${label} (run ${i}/${config.repeat})`, run);
		if ('error' in outcome) failed ??= outcome;
		else list.push(outcome);
	}
	if (list.length === 0) return failed!;
	return { ...medianFigures(list), runs: list.length };
}

async function runAll(config: BenchConfig, results: Results): Promise<void> {
	const kinds = config.servers as ServerKind[];
	const has = (s: string) => config.scenarios.includes(s);
	for (const n of has('fanout') ? config.fanoutClients : []) {
		results.fanout[n] = await bestOf(config, `fan-out ${n} clients`, (kind) =>
			fanout(kind, n, config.fanoutRate, config.fanoutSeconds)
		);
	}
	if (has('event')) {
		const load = eventLoadOf(config);
		results.event = await bestOf(config, 'event load', (kind) => eventLoad(kind, load));
	}
	for (const notes of has('cold') ? config.coldNotes : []) {
		results.cold[notes] = {};
		for (const kind of kinds) {
			results.cold[notes][kind] = await attempt(`cold load ${notes} notes, ${kind}`, () => coldLoad(kind, notes, config.coldJoiners));
		}
	}
	if (has('browser')) {
		results.browser = await attempt('browser, trame', () =>
			browserScenario(config.browserNotes, config.browserEditors, config.browserKeystrokes)
		);
	}
	if (has('plenary')) {
		const load = {
			participants: config.plenaryParticipants,
			joinSeconds: config.plenaryJoinSeconds,
			steadyRate: 20,
			steadySeconds: 20,
			burstRate: 100,
			burstSeconds: 10,
			idleSeconds: 10,
			capMs: config.plenaryCapSeconds * 1000
		};
		results.plenary = await medianOf(config, 'plenary', (kind) => plenary(kind, load));
		for (const [kind, outcome] of Object.entries(results.plenary)) {
			if (outcome && !('error' in outcome) && outcome.unfinished) {
				results.skipped.push(`plenary, ${kind}: did not get through the workload (stopped during ${outcome.unfinished}: past the ${config.plenaryCapSeconds} s budget, or a socket not open within 30 s); its later figures are missing`);
			}
		}
		results.plenaryBrowser = await trameMedian(config, 'plenary browser, trame', () =>
			browserScenario(config.plenaryBrowserNotes, config.plenaryBrowserEditors, config.browserKeystrokes)
		);
	}
	if (has('crash')) {
		results.crash = {};
		for (const kind of kinds) {
			results.crash[kind] = await attempt(`crash × ${config.crashCycles}, ${kind}`, () => crash(kind, config.crashCycles, config.crashRate));
		}
	}
}

async function main(): Promise<void> {
	const config = loadBenchConfig();
	mkdirSync(OUT_DIR, { recursive: true });
	const results: Results = {
		environment: environment(),
		config,
		fanout: {},
		cold: {},
		skipped: []
	};
	await runAll(config, results);
	const rows = tableRows(results);
	printTable(rows);
	const errors = failures(results);
	for (const line of errors) console.error(`error: ${line}`);
	writeFileSync(join(OUT_DIR, 'results.json'), JSON.stringify({ ...results, rows }, null, 2) + '\n');
	// A run of some scenarios only (BENCH_SCENARIOS) does not replace the whole run's file.
	const all = loadBenchConfig({}).scenarios;
	const file = all.every((s) => config.scenarios.includes(s)) ? 'RESULTS.md' : `RESULTS-${config.scenarios.join('-')}.md`;
	writeFileSync(join(ROOT, 'tests/bench', file), resultsMarkdown(results, markdownTable(rows), errors));
	console.log(`\nWrote tests/bench/out/results.json and tests/bench/${file}`);
	if (errors.length > 0) process.exitCode = 1;
}

// Each y-websocket provider adds a process 'exit' listener; hundreds of clients are expected here.
process.setMaxListeners(0);
await main();
// Providers keep timers (reconnects, awareness): leave once everything is written.
process.exit();
