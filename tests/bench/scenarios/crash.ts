/**
 * Scenario 4, crash: two clients type into their own notes and watch each
 * other's; at a random moment the server is killed (SIGKILL). After a restart
 * a fresh client counts the keystrokes a peer had seen that are gone.
 */
import { rmSync } from 'node:fs';
import { noteText } from '../../../src/lib/board/doc';
import { connect, createBoard, destroyAll, type Board, type BenchClient } from '../clients';
import { startServer, type RunningServer, type ServerKind } from '../servers';
import { sleep, within } from '../stats';
import { observe, Typist } from '../typing';

export interface CrashResult {
	cycles: number;
	/** Keystrokes that a peer had received before the kill. */
	seen: number;
	/** Of those, keystrokes missing after the restart. */
	lost: number;
	cyclesWithLoss: number;
}

interface Witnessed {
	noteId: string;
	seen: number;
}

/** Keystrokes seen but missing now: a note is typed at its end, so what survives is a prefix. */
async function countLost(server: RunningServer, board: Board, witnessed: Witnessed[]): Promise<number> {
	const checker = await connect(server, board);
	try {
		await within(checker.synced, 30_000, 'the checking client to sync');
		return witnessed.reduce((lost, w) => lost + Math.max(0, w.seen - (noteText(checker.doc, w.noteId)?.length ?? 0)), 0);
	} finally {
		checker.destroy();
	}
}

/** Two typists watch each other until the kill; returns what each peer saw. */
async function typeUntilKilled(server: RunningServer, board: Board, rate: number): Promise<Witnessed[]> {
	const clients: BenchClient[] = [await connect(server, board), await connect(server, board)];
	try {
		await within(Promise.all(clients.map((c) => c.synced)), 30_000, 'the typists to sync');
		const typists = clients.map((c) => new Typist(c));
		const seen = [await observe([clients[1]], typists[0], () => {}), await observe([clients[0]], typists[1], () => {})];
		let killed = false;
		const typing = typists.map((t) => t.type(rate, 60, () => killed));
		await sleep(200 + Math.random() * 2800);
		await server.kill();
		killed = true;
		await Promise.all(typing);
		// Frames the server wrote before it died may still be in the socket: let the peers read them.
		await sleep(100);
		return typists.map((t, i) => ({ noteId: t.noteId, seen: seen[i][0]() }));
	} finally {
		destroyAll(clients);
	}
}

export async function crash(kind: ServerKind, cycles: number, rate: number): Promise<CrashResult> {
	let server = await startServer(kind);
	const board = await createBoard(server, 'crash');
	const result: CrashResult = { cycles, seen: 0, lost: 0, cyclesWithLoss: 0 };
	for (let cycle = 0; cycle < cycles; cycle++) {
		const witnessed = await typeUntilKilled(server, board, rate);
		server = await startServer(kind, { port: server.port, dataDir: server.dataDir });
		const lost = await countLost(server, board, witnessed);
		result.seen += witnessed.reduce((n, w) => n + w.seen, 0);
		result.lost += lost;
		if (lost > 0) result.cyclesWithLoss++;
	}
	await server.stop();
	rmSync(server.dataDir, { recursive: true, force: true });
	return result;
}
