/**
 * Scenario 2, event load: many boards at once (a whole event), a few people
 * typing on each; latency from every keystroke to every other client of its board.
 */
import { connectMany, createBoard, destroyAll, type BenchClient } from '../clients';
import { watchProcess } from '../proc';
import { startServer, type ServerKind } from '../servers';
import { sleep, summarize, waitUntil } from '../stats';
import { observe, Typist } from '../typing';
import type { LatencyResult } from './fanout';

export interface EventLoad {
	boards: number;
	clientsPerBoard: number;
	typistsPerBoard: number;
	rate: number;
	seconds: number;
}

export async function eventLoad(kind: ServerKind, load: EventLoad): Promise<LatencyResult> {
	const server = await startServer(kind);
	const everyone: BenchClient[] = [];
	try {
		const latencies: number[] = [];
		const typists: Typist[] = [];
		const seen: Array<() => number> = [];
		const expected: Array<() => number> = [];
		for (let b = 0; b < load.boards; b++) {
			const board = await createBoard(server, `event-${b}`);
			const clients = await connectMany(server, board, load.clientsPerBoard);
			everyone.push(...clients);
			for (let t = 0; t < load.typistsPerBoard; t++) {
				const typist = new Typist(clients[t]);
				typists.push(typist);
				const others = clients.filter((_, i) => i !== t);
				for (const s of await observe(others, typist, (ms) => latencies.push(ms))) {
					seen.push(s);
					expected.push(() => typist.sentAt.length);
				}
			}
		}
		await sleep(200);
		const usage = watchProcess(server.pid);
		// Typists start out of step, as people do.
		const typeOutOfStep = async (typist: Typist) => {
			await sleep(Math.random() * (1000 / load.rate));
			await typist.type(load.rate, load.seconds);
		};
		await Promise.all(typists.map(typeOutOfStep));
		await waitUntil(() => seen.every((s, i) => s() >= expected[i]()), 'every keystroke to arrive', 10_000).catch(() => {});
		const pairs = expected.reduce((n, e) => n + e(), 0);
		return { ...summarize(latencies), ...usage.stop(), delivered: latencies.length / pairs };
	} finally {
		destroyAll(everyone);
		await server.stop();
	}
}
