/**
 * The event load (event-load.ts) on several Trame instances sharing
 * PostgreSQL and Redis (real servers from tests/helpers/backends.ts), against
 * one instance on SQLite and one on PostgreSQL. The worst case for the
 * cluster: no sticky routing, each board's typists on one instance and its
 * other clients on the next, so every edit crosses Redis. CPU is all Trame
 * processes together (percent of one core); PostgreSQL and Redis use more.
 */
import { rmSync } from 'node:fs';
import { connectMany, createBoard, destroyAll, type BenchClient } from '../clients';
import { watchProcess } from '../proc';
import { startServer, type RunningServer } from '../servers';
import { sleep, summarize, waitUntil, within } from '../stats';
import { observeIds, Typist } from '../typing';
import { joinStorm, type Joined } from '../join';
import { startPostgres, startRedis } from '../../helpers/backends';
import type { EventLoad } from './event-load';
import type { LatencyResult } from './fanout';

export type ClusterSetup = 'sqlite×1' | 'postgresql×1' | 'postgresql+redis×2' | 'postgresql+redis×3';
export const CLUSTER_SETUPS: ClusterSetup[] = ['sqlite×1', 'postgresql×1', 'postgresql+redis×2', 'postgresql+redis×3'];

export async function clusterLoad(setup: ClusterSetup, load: EventLoad): Promise<LatencyResult> {
	const n = Number(setup.slice(-1));
	const postgres = setup === 'sqlite×1' ? null : await startPostgres();
	const redis = setup.includes('redis') ? await startRedis() : null;
	const servers: RunningServer[] = [];
	const typists: BenchClient[] = [];
	const receivers: Joined[] = [];
	try {
		const env: Record<string, string> = postgres ? { TRAME_DATABASE_URL: await postgres.createDatabase() } : {};
		if (redis) env.TRAME_REDIS_URL = redis.url;
		for (let i = 0; i < n; i++) servers.push(await startServer('trame', { env }));
		const latencies: number[] = [];
		const writers: Typist[] = [];
		let receiverPairs = 0;
		for (let b = 0; b < load.boards; b++) {
			const typing = servers[b % n];
			const reading = servers[(b + 1) % n];
			const board = await createBoard(typing, `event-${b}`);
			const onBoard = await connectMany(typing, board, load.typistsPerBoard);
			typists.push(...onBoard);
			const others = await within(joinStorm(reading, board, load.clientsPerBoard - load.typistsPerBoard), 60_000, 'receivers');
			receivers.push(...others);
			const boardWriters = onBoard.map((c) => new Typist(c));
			writers.push(...boardWriters);
			observeIds(others, boardWriters, (ms) => latencies.push(ms));
			receiverPairs += others.length * boardWriters.length;
		}
		await sleep(500);
		const usages = servers.map((s) => watchProcess(s.pid));
		const typeOutOfStep = async (typist: Typist) => {
			await sleep(Math.random() * (1000 / load.rate));
			await typist.type(load.rate, load.seconds);
		};
		await Promise.all(writers.map(typeOutOfStep));
		const expected = receiverPairs * writers[0].sentAt.length;
		await waitUntil(() => latencies.length >= expected, 'every keystroke to arrive', 10_000).catch(() => {});
		const used = usages.map((u) => u.stop());
		return {
			...summarize(latencies),
			cpuPercent: used.reduce((sum, u) => sum + u.cpuPercent, 0),
			rssMaxMiB: Math.max(...used.map((u) => u.rssMaxMiB)),
			rssPeakMiB: Math.max(...used.map((u) => u.rssPeakMiB)),
			delivered: latencies.length / expected
		};
	} finally {
		destroyAll(typists);
		for (const r of receivers) r.close();
		for (const s of servers) {
			await s.stop();
			rmSync(s.dataDir, { recursive: true, force: true });
		}
		await redis?.destroy();
		await postgres?.destroy();
	}
}
