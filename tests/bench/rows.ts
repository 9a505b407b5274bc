/** The run's results, and the table rows made of them. */
import type { BenchConfig } from './config';
import type { Row } from './report';
import type { ColdResult } from './scenarios/cold-load';
import type { BrowserResult } from './scenarios/browser';
import type { CrashResult } from './scenarios/crash';
import type { LatencyResult } from './scenarios/fanout';
import type { PlenaryResult } from './scenarios/plenary';
import type { ServerKind } from './servers';

export type Outcome<T> = T | { error: string };
export type PerServer<T> = Partial<Record<ServerKind, Outcome<T>>>;

export interface Results {
	environment: Record<string, string | number>;
	config: BenchConfig;
	fanout: Record<string, PerServer<LatencyResult>>;
	event?: PerServer<LatencyResult>;
	cold: Record<string, PerServer<ColdResult>>;
	crash?: PerServer<CrashResult>;
	/** Trame only: Hocuspocus has no user interface. */
	browser?: Outcome<BrowserResult>;
	plenary?: PerServer<PlenaryResult>;
	/** Trame only: the browser on the plenary's 10,000-note board. */
	plenaryBrowser?: Outcome<BrowserResult & { runs?: number }>;
	/** Scenarios left out of this run, with why. */
	skipped: string[];
}

function pick<T>(per: PerServer<T> | undefined, kind: ServerKind, get: (r: T) => number): number | null {
	const outcome = per?.[kind];
	if (!outcome || 'error' in (outcome as object)) return null;
	const value = get(outcome as T);
	// A figure a run did not get to (a server stopped early) is shown as missing, not NaN.
	return Number.isNaN(value) ? null : value;
}

function row<T>(scenario: string, metric: string, per: PerServer<T> | undefined, get: (r: T) => number, extra: Partial<Row> = {}): Row {
	return { scenario, metric, trame: pick(per, 'trame', get), hocuspocus: pick(per, 'hocuspocus', get), ...extra };
}

const EQUAL = { max: 1, label: '≤ 1' };
const HALF = { max: 0.5, label: '≤ 0.5' };

function latencyRows(scenario: string, per: PerServer<LatencyResult> | undefined, p99Target?: Row['target']): Row[] {
	return [
		row(scenario, 'edit-to-peer p50 (ms)', per, (r) => r.p50, { digits: 1 }),
		row(scenario, 'edit-to-peer p99 (ms)', per, (r) => r.p99, { digits: 1, target: p99Target }),
		row(scenario, 'keystrokes delivered (%)', per, (r) => r.delivered * 100, { digits: 1 }),
		row(scenario, 'server CPU (% of a core)', per, (r) => r.cpuPercent),
		row(scenario, 'server peak RSS (MiB)', per, (r) => r.rssPeakMiB)
	];
}

export function tableRows(results: Results): Row[] {
	const rows: Row[] = [];
	const sizes = Object.keys(results.fanout).map(Number);
	for (const n of sizes) {
		rows.push(...latencyRows(`fan-out, ${n} clients`, results.fanout[n], n === Math.max(...sizes) ? EQUAL : undefined));
	}
	if (results.event) {
		const c = results.config;
		rows.push(...latencyRows(`event load, ${c.eventBoards} × ${c.eventClientsPerBoard}`, results.event, EQUAL));
	}
	for (const [notes, per] of Object.entries(results.cold)) {
		const scenario = `cold load, ${Number(notes).toLocaleString('en-US')} notes`;
		rows.push(
			row(scenario, 'first client synced (ms)', per, (r) => r.firstSyncMs),
			row(scenario, `join storm p50 (ms)`, per, (r) => r.p50),
			row(scenario, `join storm p99 (ms)`, per, (r) => r.p99, { target: HALF }),
			row(scenario, 'server peak RSS (MiB)', per, (r) => r.rssPeakMiB),
			row(scenario, 'notes received', per, (r) => r.notesReceived)
		);
	}
	if (results.crash) {
		rows.push(
			row('crash (kill -9)', 'cycles', results.crash, (r) => r.cycles),
			row('crash (kill -9)', 'edits seen by a peer', results.crash, (r) => r.seen),
			row('crash (kill -9)', 'seen edits lost', results.crash, (r) => r.lost, { target: { max: 0, label: '0', on: 'trame' } }),
			row('crash (kill -9)', 'cycles that lost edits', results.crash, (r) => r.cyclesWithLoss)
		);
	}
	if (results.plenary) {
		const per = results.plenary;
		const c = results.config;
		const scenario = `plenary, ${c.plenaryParticipants.toLocaleString('en-US')} phones from one address`;
		const own = (max: number, label: string) => ({ target: { max, label, on: 'trame' as const } });
		rows.push(
			row(scenario, 'runs (figures are their median)', per, (r) => r.runs ?? 1),
			row(scenario, 'joins refused or never synced', per, (r) => r.refused, own(0, '0')),
			row(scenario, 'time to synced p50 (ms)', per, (r) => r.syncP50),
			row(scenario, 'time to synced p99 (ms)', per, (r) => r.syncP99, own(3000, '< 3 s')),
			row(scenario, 'edit-to-everyone p50, 20 notes/s (ms)', per, (r) => r.steadyP50, { digits: 1, ...own(150, '< 150 ms') }),
			row(scenario, 'edit-to-everyone p99, 20 notes/s (ms)', per, (r) => r.steadyP99, { digits: 1, ...own(500, '< 500 ms') }),
			row(scenario, 'edit-to-everyone p50, burst 100 notes/s (ms)', per, (r) => r.burstP50, { digits: 1, ...own(1000, '< 1 s') }),
			row(scenario, 'edit-to-everyone p99, burst 100 notes/s (ms)', per, (r) => r.burstP99, { digits: 1, ...own(1000, '< 1 s') }),
			row(scenario, 'notes a sampled phone missed (%)', per, (r) => r.lostPercent, { digits: 1 }),
			row(scenario, 'server CPU (% of a core)', per, (r) => r.cpuPercent, own(60, '< 60 %')),
			row(scenario, 'server peak RSS (MiB)', per, (r) => r.rssPeakMiB, own(400, '< 400 MB')),
			row(scenario, 'event-loop delay p99, HTTP probe (ms)', per, (r) => r.loopP99, { digits: 1, ...own(50, '< 50 ms') }),
			row(scenario, 'idle presence messages per phone per s', per, (r) => r.idleAwarenessPerPhone, { digits: 2, ...own(1, '≤ 1') })
		);
	}
	if (results.plenaryBrowser) {
		const per = { trame: results.plenaryBrowser };
		const scenario = `plenary browser (Trame only), ${results.config.plenaryBrowserNotes.toLocaleString('en-US')} notes`;
		const own = (max: number, label: string) => ({ target: { max, label, on: 'trame' as const } });
		rows.push(
			row(scenario, 'runs (figures are their median)', per, (r) => r.runs ?? 1),
			row(scenario, 'time until interactive (ms)', per, (r) => r.interactiveMs, own(2000, '≤ 2 s')),
			row(scenario, `keystroke-to-paint p50 (ms), ${results.config.plenaryBrowserEditors} others typing`, per, (r) => r.paintP50, { digits: 1, ...own(16, '≤ 16 ms') }),
			row(scenario, `keystroke-to-paint p99 (ms), ${results.config.plenaryBrowserEditors} others typing`, per, (r) => r.paintP99, { digits: 1, ...own(50, '≤ 50 ms') })
		);
	}
	if (results.browser) {
		const per = { trame: results.browser };
		const scenario = `browser (Trame only), ${results.config.browserNotes.toLocaleString('en-US')} notes`;
		rows.push(
			row(scenario, 'time until interactive (ms)', per, (r) => r.interactiveMs),
			row(scenario, `keystroke-to-paint p50 (ms), ${results.config.browserEditors} others typing`, per, (r) => r.paintP50, { digits: 1 }),
			row(scenario, `keystroke-to-paint p99 (ms), ${results.config.browserEditors} others typing`, per, (r) => r.paintP99, { digits: 1 })
		);
	}
	return rows;
}

/** Errors of the run, one line each. */
export function failures(results: Results): string[] {
	const lines: string[] = [];
	const visit = (name: string, per: PerServer<unknown> | undefined) => {
		for (const [kind, outcome] of Object.entries(per ?? {})) {
			if (outcome && typeof outcome === 'object' && 'error' in outcome) lines.push(`${name}, ${kind}: ${String(outcome.error)}`);
		}
	};
	for (const [n, per] of Object.entries(results.fanout)) visit(`fan-out ${n}`, per);
	visit('event load', results.event);
	for (const [n, per] of Object.entries(results.cold)) visit(`cold load ${n}`, per);
	visit('crash', results.crash);
	visit('browser', results.browser ? { trame: results.browser } : undefined);
	visit('plenary', results.plenary);
	visit('plenary browser', results.plenaryBrowser ? { trame: results.plenaryBrowser } : undefined);
	return lines;
}
