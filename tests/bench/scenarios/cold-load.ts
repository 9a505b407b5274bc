/**
 * Scenario 3, cold load and join storm: a board with many notes is stored,
 * the server restarts (nothing in memory), then many clients join at once.
 */
import { rmSync } from 'node:fs';
import { countNotes } from '../../../src/lib/board/doc';
import { connect, createBoard, type BenchClient } from '../clients';
import { joinStorm, type Joined } from '../join';
import { watchProcess, type Usage } from '../proc';
import { startServer, type ServerKind } from '../servers';
import { sleep, summarize, within } from '../stats';
import { fitsTrame, seedThroughClient, seedTrameDatabase } from './seed';

const STORE_DELAY_MS = 4000;

export interface ColdResult extends Usage {
	notes: number;
	/** How the board was filled: by a client, or (Trame past its notes limit) in the database. */
	seeded: 'client' | 'database';
	/** Milliseconds from the storm's start until the first client had the whole document. */
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
	// Hocuspocus stores 2 s after the last edit (its debounce), and its SIGTERM handler exits without
	// waiting for the SQLite extension's write: give the store time to land, for both servers alike.
	await sleep(STORE_DELAY_MS);
	await first.stop();
	if (seeded === 'database') await seedTrameDatabase(first.dataDir, board.id, notes);

	const server = await startServer(kind, { port: first.port, dataDir: first.dataDir });
	let checker: BenchClient | null = null;
	const joined: Joined[] = [];
	try {
		const usage = watchProcess(server.pid, 20);
		joined.push(...(await within(joinStorm(server, board, joiners), 180_000, `${joiners} clients to join`)));
		const result = usage.stop();
		const times = joined.map((j) => j.ms);
		// A real client checks that the stored board came back whole.
		checker = await connect(server, board);
		await within(checker.synced, 60_000, 'a client to sync after the storm');
		const { p50, p99 } = summarize(times);
		return { ...result, notes, seeded, firstSyncMs: Math.min(...times), p50, p99, notesReceived: countNotes(checker.doc) };
	} finally {
		checker?.destroy();
		for (const j of joined) j.close();
		await server.stop();
		rmSync(server.dataDir, { recursive: true, force: true });
	}
}
