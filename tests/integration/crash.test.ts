/**
 * Durability (DESIGN.md: "a kill -9 of the server loses no edit that any other
 * client has seen"), a clean SIGTERM, and a corrupt database file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { addNote, noteText, readNotes } from '../../src/lib/board/doc';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { connectClient, createBoard, waitFor, type Client } from '../helpers/clients';
import { runNode, sleep, startServer, tempDataDir, type ServerProcess, PROCESS_TEST_TIMEOUT_MS } from '../helpers/server-process';
import { xorshift, type Rng } from '../helpers/prng';

const CYCLES = 10;

interface Writer extends Client {
	noteId: string;
}

async function writer(server: ServerProcess, boardId: string, token: string, label: string): Promise<Writer> {
	const key = newKey();
	const client = await connectClient(server, boardId, { token, key });
	const noteId = addNote(client.doc, { axisId: 'communs', authorId: await participantIdOf(key), text: `${label}:` });
	return { ...client, noteId };
}

/** Records every word of `note` that `peer` has received: those must survive a crash. */
function recordSeen(peer: Client, noteId: string, seen: Set<string>): void {
	peer.doc.on('update', () => {
		const text = noteText(peer.doc, noteId)?.toString() ?? '';
		for (const word of text.split(' ')) if (word) seen.add(word);
	});
}

/** Appends numbered words to the writer's note at random short intervals until `stop()`. */
function type(client: Writer, label: string, rng: Rng): () => void {
	let stopped = false;
	void (async () => {
		for (let i = 0; !stopped; i++) {
			const text = noteText(client.doc, client.noteId)!;
			text.insert(text.length, ` ${label}.${i}`);
			await sleep(rng.int(1, 6));
		}
	})();
	return () => (stopped = true);
}

describe('durability of the real server process', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
	test(`kill -9 at a random moment loses no edit a peer has seen (${CYCLES} cycles)`, async () => {
		const rng = xorshift(20261128);
		const server = await startServer();
		const board = await createBoard(server);
		const seenByCycle: { noteIds: string[]; seen: Set<string> }[] = [];

		for (let cycle = 0; cycle < CYCLES; cycle++) {
			const a = await writer(server, board.id, board.tokens.participant, `a${cycle}`);
			const b = await writer(server, board.id, board.tokens.participant, `b${cycle}`);
			const seen = new Set<string>();
			recordSeen(b, a.noteId, seen);
			recordSeen(a, b.noteId, seen);
			const stops = [type(a, `a${cycle}`, rng), type(b, `b${cycle}`, rng)];
			await sleep(rng.int(20, 300));
			await server.kill('SIGKILL');
			stops.forEach((stop) => stop());
			// Before the restart: these clients must not re-send their edits to the new process.
			a.destroy();
			b.destroy();
			seenByCycle.push({ noteIds: [a.noteId, b.noteId], seen });
			await server.restart();
		}

		const fresh = await connectClient(server, board.id, { token: board.tokens.projector });
		const stored = new Set(readNotes(fresh.doc).flatMap((n) => n.text.split(' ')));
		const seen = seenByCycle.flatMap((c) => [...c.seen]);
		expect(seen.length).toBeGreaterThan(CYCLES * 2);
		expect(seen.filter((word) => !stored.has(word))).toEqual([]);
	});

	test('SIGTERM while participants type: the process exits 0 and every edit a peer saw is there after a restart', async () => {
		const rng = xorshift(15);
		// A low compaction threshold: shutting down compacts a board that has a snapshot and a tail.
		const server = await startServer({ env: { TRAME_COMPACT_AFTER_UPDATES: '20' } });
		const board = await createBoard(server);
		const a = await writer(server, board.id, board.tokens.participant, 'a');
		const b = await writer(server, board.id, board.tokens.participant, 'b');
		const seen = new Set<string>();
		recordSeen(b, a.noteId, seen);
		recordSeen(a, b.noteId, seen);
		const stops = [type(a, 'a', rng), type(b, 'b', rng)];
		await waitFor(() => seen.size > 40, 'the peers to see some typing');

		expect(await server.kill('SIGTERM')).toEqual({ code: 0, signal: null });
		stops.forEach((stop) => stop());
		a.destroy();
		b.destroy();
		await server.restart();
		const fresh = await connectClient(server, board.id, { token: board.tokens.projector });
		const stored = new Set(readNotes(fresh.doc).flatMap((n) => n.text.split(' ')));
		expect([...seen].filter((word) => !stored.has(word))).toEqual([]);
	});

	test.each([
		['garbage bytes', () => xorshift(7).bytes(64 * 1024), /not a database/],
		// A real SQLite header, then garbage: the file looks like a database until its pages are read.
		['a SQLite header over garbage', () => sqliteHeaderOverGarbage(), /malformed|not a database/]
	])('a corrupt database (%s) stops the server with a clear message and is left untouched', async (_name, make, detail) => {
		const dataDir = tempDataDir();
		const file = join(dataDir, 'trame.db');
		const corrupt = make();
		writeFileSync(file, corrupt);

		const child = runNode('dist/server.js', [], { PORT: '0', HOST: '127.0.0.1', TRAME_DATA_DIR: dataDir, TRAME_LOG_LEVEL: 'warn' });
		const exit = await child.exited;

		expect(exit.code).not.toBe(0);
		expect(exit.code).not.toBeNull();
		expect(child.stderr()).toContain(`Trame cannot start: Cannot open the database ${file}`);
		expect(child.stderr()).toMatch(detail);
		expect(Buffer.compare(readFileSync(file), corrupt)).toBe(0);
	});
});

/** The first 100 bytes (the header) of a real, empty SQLite database, then four pages of garbage. */
function sqliteHeaderOverGarbage(): Uint8Array {
	const file = join(tempDataDir(), 'real.db');
	const db = new Database(file);
	db.exec('CREATE TABLE t (x)');
	db.close();
	const bytes = xorshift(11).bytes(4 * 4096);
	bytes.set(readFileSync(file).subarray(0, 100));
	return bytes;
}
