/**
 * Scenario 2, event load: many boards at once (a whole event), a few people
 * typing on each (real providers); latency from every keystroke to every
 * other client of its board (light clients, join.ts).
 */
import { rmSync } from 'node:fs';
import { connectMany, createBoard, destroyAll, type BenchClient } from '../clients';
import { watchProcess } from '../proc';
import { startServer, type ServerKind } from '../servers';
import { sleep, summarize, waitUntil, within } from '../stats';
import { observeIds, Typist } from '../typing';
import { joinStorm, type Joined } from '../join';
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
	const typists: BenchClient[] = [];
	const receivers: Joined[] = [];
	try {
		const latencies: number[] = [];
		const writers: Typist[] = [];
		/** (typist, receiver) pairs on the same board. */
		let receiverPairs = 0;
		for (let b = 0; b < load.boards; b++) {
			const board = await createBoard(server, `event-${b}`);
			const onBoard = await connectMany(server, board, load.typistsPerBoard);
			typists.push(...onBoard);
			const others = await within(joinStorm(server, board, load.clientsPerBoard - load.typistsPerBoard), 60_000, 'receivers');
			receivers.push(...others);
			const boardWriters = onBoard.map((c) => new Typist(c));
			writers.push(...boardWriters);
			observeIds(others, boardWriters, (ms) => latencies.push(ms));
			receiverPairs += others.length * boardWriters.length;
		}
		await sleep(500);
		const usage = watchProcess(server.pid);
		// Typists start out of step, as people do.
		const typeOutOfStep = async (typist: Typist) => {
			await sleep(Math.random() * (1000 / load.rate));
			await typist.type(load.rate, load.seconds);
		};
		await Promise.all(writers.map(typeOutOfStep));
		// Every typist types the same number of keystrokes; each goes to every light client of its board.
		const expected = receiverPairs * writers[0].sentAt.length;
		await waitUntil(() => latencies.length >= expected, 'every keystroke to arrive', 10_000).catch(() => {});
		return { ...summarize(latencies), ...usage.stop(), delivered: latencies.length / expected };
	} finally {
		destroyAll(typists);
		for (const r of receivers) r.close();
		await server.stop();
		rmSync(server.dataDir, { recursive: true, force: true });
	}
}
