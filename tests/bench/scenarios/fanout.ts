/**
 * Scenario 1, fan-out: one board, N clients, one of them typing into a note
 * at a steady rate; latency from keystroke to every other client.
 */
import { connectMany, createBoard, destroyAll, type BenchClient } from '../clients';
import { watchProcess, type Usage } from '../proc';
import { startServer, type ServerKind } from '../servers';
import { sleep, summarize, waitUntil, type Summary } from '../stats';
import { observe, Typist } from '../typing';

export interface LatencyResult extends Summary, Usage {
	/** Share of (keystroke, receiver) pairs that arrived before the deadline. */
	delivered: number;
}

export async function fanout(kind: ServerKind, clientCount: number, rate: number, seconds: number): Promise<LatencyResult> {
	const server = await startServer(kind);
	const clients: BenchClient[] = [];
	try {
		const board = await createBoard(server, 'fanout');
		clients.push(...(await connectMany(server, board, clientCount)));
		const [writer, ...receivers] = clients;
		const typist = new Typist(writer);
		const latencies: number[] = [];
		const seen = await observe(receivers, typist, (ms) => latencies.push(ms));
		await sleep(200);
		const usage = watchProcess(server.pid);
		await typist.type(rate, seconds);
		const total = typist.sentAt.length;
		await waitUntil(() => seen.every((s) => s() >= total), 'every keystroke to arrive', 10_000).catch(() => {});
		return { ...summarize(latencies), ...usage.stop(), delivered: latencies.length / (total * receivers.length) };
	} finally {
		destroyAll(clients);
		await server.stop();
	}
}
