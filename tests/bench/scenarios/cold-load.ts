/**
 * Scenario 3, cold load and join storm: a board with many notes is stored,
 * the server restarts (nothing in memory), then many clients join at once.
 */
import { countNotes } from '../../../src/lib/board/doc';
import { connect, createBoard, destroyAll, type BenchClient } from '../clients';
import { watchProcess, type Usage } from '../proc';
import { startServer, type ServerKind } from '../servers';
import { summarize, within } from '../stats';
import { fitsTrame, seedThroughClient, seedTrameDatabase } from './seed';

export interface ColdResult extends Usage {
	notes: number;
	/** How the board was filled: by a client, or (Trame past its notes limit) in the database. */
	seeded: 'client' | 'database';
	/** Milliseconds from the storm's start until the first client synced. */
	firstSyncMs: number;
	p50: number;
	p99: number;
	/** Notes the first synced client received (checks the load was complete). */
	notesReceived: number;
}

export async function coldLoad(kind: ServerKind, notes: number, joiners: number): Promise<ColdResult> {
	const first = await startServer(kind);
	const board = await createBoard(first, 'cold');
	const seeded = kind === 'trame' && !fitsTrame(notes) ? 'database' : 'client';
	if (seeded === 'client') await seedThroughClient(first, board, notes);
	await first.stop();
	if (seeded === 'database') seedTrameDatabase(first.dataDir, board.id, notes);

	const server = await startServer(kind, { port: first.port, dataDir: first.dataDir });
	const clients: BenchClient[] = [];
	try {
		const usage = watchProcess(server.pid, 20);
		clients.push(...(await Promise.all(Array.from({ length: joiners }, () => connect(server, board)))));
		const times = await within(Promise.all(clients.map((c) => c.synced)), 180_000, `${joiners} clients to join`);
		const result = usage.stop();
		const firstClient = clients[times.indexOf(Math.min(...times))];
		const { p50, p99 } = summarize(times);
		return { ...result, notes, seeded, firstSyncMs: Math.min(...times), p50, p99, notesReceived: countNotes(firstClient.doc) };
	} finally {
		destroyAll(clients);
		await server.stop();
	}
}
