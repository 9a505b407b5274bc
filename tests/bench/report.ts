/**
 * One table for both servers (Trame, Hocuspocus, ratio), printed and written
 * as Markdown (RESULTS.md) with the machine, the versions and the date.
 */
import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './servers';

export interface Row {
	scenario: string;
	metric: string;
	trame: number | null;
	hocuspocus: number | null;
	/** Digits shown. */
	digits?: number;
	/** A target the ratio (or, with `on: 'trame'`, Trame's own figure) must stay at or under. */
	target?: { max: number; label: string; on?: 'ratio' | 'trame' };
}

function versionOf(pkg: string): string {
	return (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

export function environment() {
	const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
	const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'src/lib'], { cwd: ROOT }).toString().trim();
	return {
		date: new Date().toISOString(),
		cpu: cpus()[0]?.model ?? 'unknown',
		cores: cpus().length,
		ramGiB: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		trame: dirty ? `${commit} (with uncommitted changes)` : commit,
		yjs: versionOf('yjs'),
		hocuspocus: versionOf('@hocuspocus/server'),
		yWebsocket: versionOf('y-websocket')
	};
}

function fmt(value: number | null, digits = 0): string {
	if (value === null || Number.isNaN(value)) return '–';
	return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ratioCell(row: Row): string {
	if (row.target?.on === 'trame' && row.trame !== null) {
		return `Trame ${row.trame <= row.target.max ? '✓' : '✗'} (target ${row.target.label})`;
	}
	if (row.trame === null || row.hocuspocus === null) return '–';
	if (row.hocuspocus === 0) return row.trame === 0 ? '1.00' : '∞';
	const ratio = row.trame / row.hocuspocus;
	if (!row.target) return ratio.toFixed(2);
	return `${ratio.toFixed(2)} ${ratio <= row.target.max ? '✓' : '✗'} (target ${row.target.label})`;
}

export function markdownTable(rows: Row[]): string {
	const lines = ['| scenario | metric | Trame | Hocuspocus | Trame / Hocuspocus |', '|---|---|--:|--:|---|'];
	for (const r of rows) {
		lines.push(`| ${r.scenario} | ${r.metric} | ${fmt(r.trame, r.digits)} | ${fmt(r.hocuspocus, r.digits)} | ${ratioCell(r)} |`);
	}
	return lines.join('\n');
}

export function printTable(rows: Row[]): void {
	const cells = rows.map((r) => [r.scenario, r.metric, fmt(r.trame, r.digits), fmt(r.hocuspocus, r.digits), ratioCell(r)]);
	const header = ['scenario', 'metric', 'Trame', 'Hocuspocus', 'ratio'];
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
	const line = (c: string[]) => c.map((s, i) => (i >= 2 && i <= 3 ? s.padStart(widths[i]) : s.padEnd(widths[i]))).join('  ');
	console.log(['', line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n'));
}
