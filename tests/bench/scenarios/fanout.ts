/**
 * Scenario 1, fan-out: one board, N clients, one of them (a real provider)
 * typing into a note at a steady rate; latency from keystroke to every other
 * client (light clients, join.ts).
 */
import { rmSync } from 'node:fs';
import { connect, createBoard, type BenchClient } from '../clients';
import { joinStorm, type Joined } from '../join';
import { watchProcess, type Usage } from '../proc';
import { startServer, type ServerKind } from '../servers';
import { sleep, summarize, waitUntil, within, type Summary } from '../stats';
import { observeIds, Typist } from '../typing';

export interface LatencyResult extends Summary, Usage {
	/** Share of (keystroke, receiver) pairs that arrived before the deadline. */
	delivered: number;
}

export async function fanout(kind: ServerKind, clientCount: number, rate: number, seconds: number): Promise<LatencyResult> {
	const server = await startServer(kind);
	let writer: BenchClient | null = null;
	const receivers: Joined[] = [];
	try {
		const board = await createBoard(server, 'fanout');
		writer = await connect(server, board);
		await within(writer.synced, 30_000, 'the writer to sync');
		receivers.push(...(await within(joinStorm(server, board, clientCount - 1), 60_000, 'the receivers to join')));
		const typist = new Typist(writer);
		const latencies: number[] = [];
		observeIds(receivers, [typist], (ms) => latencies.push(ms));
		await sleep(500);
		const usage = watchProcess(server.pid);
		await typist.type(rate, seconds);
		const expected = typist.sentAt.length * receivers.length;
		await waitUntil(() => latencies.length >= expected, 'every keystroke to arrive', 10_000).catch(() => {});
		return { ...summarize(latencies), ...usage.stop(), delivered: latencies.length / expected };
	} finally {
		writer?.destroy();
		for (const r of receivers) r.close();
		await server.stop();
		rmSync(server.dataDir, { recursive: true, force: true });
	}
}
