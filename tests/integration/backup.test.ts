/**
 * `npm run backup` (node dist/backup.js <file>) while Trame serves and a
 * participant writes: the copy is a valid database, and a server started on it
 * has every note written before the backup began (README, "Data and backups").
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { addNote, readNotes } from '../../src/lib/board/doc';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { connectClient, createBoard, waitFor } from '../helpers/clients';
import { runNode, sleep, startServer, tempDataDir } from '../helpers/server-process';

/** Enough notes that the copy takes several backup steps (SQLite copies 100 pages a step). */
const EARLY_NOTES = 300;

describe('online backup of the real server', () => {
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
		await waitFor(() => readNotes(peer.doc).length === EARLY_NOTES, 'the peer to see the early notes', 20_000);
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

	test('the backup refuses to overwrite an existing file', async () => {
		const server = await startServer();
		const existing = join(server.dataDir, 'trame.db');
		const backup = runNode('dist/backup.js', [existing], { TRAME_DATA_DIR: server.dataDir });
		expect((await backup.exited).code).toBe(1);
		expect(backup.stderr()).toContain('already exists');
		expect(await fetch(`${server.origin}/healthz`).then((r) => r.status)).toBe(200);
	});
});
