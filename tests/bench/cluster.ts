/**
 * `npm run bench:cluster`: the event load on one Trame instance with SQLite,
 * one with PostgreSQL, and two and three instances sharing PostgreSQL and
 * Redis (scenarios/cluster-load.ts), same clients, same edits. Prints a table
 * and writes tests/bench/CLUSTER.md and tests/bench/out/cluster.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { eventLoadOf, loadBenchConfig } from './config';
import { OUT_DIR, ROOT } from './servers';
import { CLUSTER_SETUPS, clusterLoad, type ClusterSetup } from './scenarios/cluster-load';
import type { LatencyResult } from './scenarios/fanout';

const config = loadBenchConfig();
const load = eventLoadOf(config);
mkdirSync(OUT_DIR, { recursive: true });
process.setMaxListeners(0);

const results: Partial<Record<ClusterSetup, LatencyResult | { error: string }>> = {};
for (const setup of CLUSTER_SETUPS) {
	// Best p99 of `repeat` runs, as the main bench does: the machine is shared.
	for (let i = 1; i <= config.repeat; i++) {
		process.stdout.write(`event load, ${setup} (run ${i}/${config.repeat}) … `);
		try {
			const result = await clusterLoad(setup, load);
			console.log(`p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, CPU ${result.cpuPercent.toFixed(0)} %`);
			const kept = results[setup];
			if (!kept || 'error' in kept || result.p99 < kept.p99) results[setup] = result;
		} catch (err) {
			console.log(`failed: ${(err as Error).message}`);
			results[setup] ??= { error: (err as Error).message };
		}
	}
}

const lines = [
	'| setup | edit-to-peer p50 | p99 | delivered | Trame CPU (all instances, % of a core) | peak RSS per instance |',
	'|---|--:|--:|--:|--:|--:|'
];
for (const setup of CLUSTER_SETUPS) {
	const r = results[setup];
	if (!r || 'error' in r) lines.push(`| ${setup} | failed: ${r?.error ?? 'not run'} | | | | |`);
	else lines.push(`| ${setup} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${(r.delivered * 100).toFixed(1)} % | ${r.cpuPercent.toFixed(0)} % | ${r.rssPeakMiB.toFixed(0)} MiB |`);
}
const table = lines.join('\n');
console.log(`\n${table}`);
const md = `# Cluster bench (npm run bench:cluster)

${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; the machine was shared with other work.
Event load: ${load.boards} boards × ${load.clientsPerBoard} clients, ${load.typistsPerBoard} typists each at ${load.rate} keystrokes/s for ${load.seconds} s, best p99 of ${config.repeat} runs.
With several instances each board's typists are on one instance and its other clients on the next (no sticky routing: every edit crosses Redis).
PostgreSQL and Redis run on the same machine (their CPU is not in the Trame column).

${table}
`;
writeFileSync(join(ROOT, 'tests/bench/CLUSTER.md'), md);
writeFileSync(join(OUT_DIR, 'cluster.json'), JSON.stringify({ load, results }, null, 2) + '\n');
console.log('\nWrote tests/bench/CLUSTER.md and tests/bench/out/cluster.json');
process.exit();
