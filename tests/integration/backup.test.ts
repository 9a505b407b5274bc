/**
 * `npm run backup` (node dist/backup.js <file>) while Trame serves and a
 * participant writes: the copy is a valid database, and a server started on it
 * has every note written before the backup began (README, "Data and backups").
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addNote, ensureRoots, noteText, readNotes } from '../../src/lib/board/doc';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { connectClient, createBoard, waitFor } from '../helpers/clients';
import { runNode, sleep, startServer, tempDataDir, PROCESS_TEST_TIMEOUT_MS } from '../helpers/server-process';

/** Enough notes that the copy takes several backup steps (SQLite copies 100 pages a step). */
const EARLY_NOTES = 300;

describe('online backup of the real server', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
	test('a backup taken while a participant writes restores every note written before it began', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const key = newKey();
		const authorId = await participantIdOf(key);
		const writer = await connectClient(server, board.id, { token: board.tokens.participant, key });
		const peer = await connectClient(server, board.id, { token: board.tokens.projector });
		const write = (text: string) => addNote(writer.doc, { axisId: 'communs', authorId, text });

		for (let i = 0; i < EARLY_NOTES; i++) write(`avant ${i} ${'·'.repeat(1500)}`);
		// What the peer has seen is stored (store before broadcast): the backup must hold it.
		await waitFor(() => readNotes(peer.doc).length === EARLY_NOTES, 'the peer to see the early notes');
		const before = readNotes(peer.doc).map((n) => n.id);

		let writing = true;
		const during = (async () => {
			for (let i = 0; writing; i++) {
				write(`pendant ${i}`);
				await sleep(2);
			}
		})();
		const backupFile = join(tempDataDir(), 'sauvegarde.db');
		const backup = runNode('dist/backup.js', [backupFile], { TRAME_DATA_DIR: server.dataDir });
		const exit = await backup.exited;
		writing = false;
		await during;
		expect(exit).toEqual({ code: 0, signal: null });
		expect(backup.stdout()).toContain(`to ${backupFile}`);

		const copy = new Database(backupFile, { readonly: true, fileMustExist: true });
		expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
		copy.close();

		const restoredDir = tempDataDir();
		copyFileSync(backupFile, join(restoredDir, 'trame.db'));
		const restored = await startServer({ dataDir: restoredDir });
		const fresh = await connectClient(restored, board.id, { token: board.tokens.projector });
		const ids = new Set(readNotes(fresh.doc).map((n) => n.id));
		expect(before.filter((id) => !ids.has(id))).toEqual([]);
	});

	test('a backup of a large database finishes while a participant keeps writing', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const archive = await createBoard(server, 'Archive');
		expect(await server.kill('SIGTERM')).toMatchObject({ code: 0 });
		fillHistory(server.databaseFile, archive.id, LARGE_DATABASE_BYTES);
		await server.restart();
		const key = newKey();
		const authorId = await participantIdOf(key);
		const writer = await connectClient(server, board.id, { token: board.tokens.participant, key });

		const noteId = addNote(writer.doc, { axisId: 'lieux', authorId, text: '' });
		const text = noteText(writer.doc, noteId)!;
		let writing = true;
		const during = (async () => {
			// Typing as fast as timers go (hundreds of keystrokes a second, a big room's worth):
			// every keystroke is one stored update.
			while (writing) {
				text.insert(text.length, 'x');
				if (text.length > 500) text.delete(0, 1);
				await sleep(1);
			}
		})();
		const backupFile = join(tempDataDir(), 'grande.db');
		const backup = runNode('dist/backup.js', [backupFile], { TRAME_DATA_DIR: server.dataDir });
		// A copy restarted by every write would never end: give it far longer than it needs, then fail.
		const exit = await Promise.race([backup.exited, sleep(45_000).then(() => 'still copying')]);
		writing = false;
		await during;
		expect(exit).toEqual({ code: 0, signal: null });
		const copy = new Database(backupFile, { readonly: true, fileMustExist: true });
		expect(copy.prepare('SELECT count(*) AS n FROM boards').get()).toEqual({ n: 2 });
		copy.close();
		// The writes went on (and were stored) the whole time: the copy did not finish because they stopped.
		const fresh = await connectClient(server, board.id, { token: board.tokens.projector });
		await waitFor(() => readNotes(fresh.doc)[0]?.text === text.toString(), 'the typed text on a fresh client');
	});

	test('the backup refuses to overwrite an existing file', async () => {
		const server = await startServer();
		const existing = join(server.dataDir, 'trame.db');
		const backup = runNode('dist/backup.js', [existing], { TRAME_DATA_DIR: server.dataDir });
		expect((await backup.exited).code).toBe(1);
		expect(backup.stderr()).toContain('already exists');
		expect(await fetch(`${server.origin}/healthz`).then((r) => r.status)).toBe(200);
	});
});

const LARGE_DATABASE_BYTES = 60 * 1024 * 1024;

/** Gives a board a long stored history (one real note update, repeated: Yjs applies it once) of about `bytes`. */
function fillHistory(databaseFile: string, boardId: string, bytes: number): void {
	const doc = new Y.Doc();
	ensureRoots(doc);
	addNote(doc, { axisId: 'lieux', authorId: 'archive', text: '·'.repeat(1500) });
	const update = Buffer.from(Y.encodeStateAsUpdate(doc));
	const db = new Database(databaseFile);
	const insert = db.prepare("INSERT INTO yjs_updates (board_id, doc, data) VALUES (?, 'board', ?)");
	db.transaction(() => {
		for (let size = 0; size < bytes; size += update.length) insert.run(boardId, update);
	})();
	db.close();
}
