/**
 * PostgreSQL unreachable, and bad settings at start. This file runs its own
 * PostgreSQL server (it stops it) and Redis.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addNote, noteText, readNotes } from '../../../src/lib/board/doc';
import { CloseCode } from '../../../src/lib/shared/errors';
import { newKey, participantIdOf } from '../../../src/lib/shared/identity';
import { startPostgres, startRedis, type Postgres, type RedisServer } from '../../helpers/backends';
import { clusterClient, startInstances, storedDoc } from '../../helpers/cluster';
import { createBoard, waitFor } from '../../helpers/clients';
import { freePort, PROCESS_TEST_TIMEOUT_MS, runNode, sleep, tempDataDir } from '../../helpers/server-process';

let postgres: Postgres;
let redis: RedisServer;
beforeAll(async () => {
	[postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
});
afterAll(async () => {
	await Promise.all([postgres.destroy(), redis.destroy()]);
});

describe('when a backend fails', { timeout: PROCESS_TEST_TIMEOUT_MS * 2 }, () => {
	test('PostgreSQL stopped: no edit reaches anyone without a commit; started again: the session goes on, nothing lost', async () => {
		const url = await postgres.createDatabase();
		const [a, b] = await startInstances(2, { TRAME_DATABASE_URL: url, TRAME_REDIS_URL: redis.url });
		const board = await createBoard(a);
		const key = newKey();
		const writer = await clusterClient(a, board.id, { token: board.tokens.participant, key });
		const sameInstance = await clusterClient(a, board.id, { token: board.tokens.projector });
		const otherInstance = await clusterClient(b, board.id, { token: board.tokens.projector });
		const noteId = addNote(writer.doc, { axisId: 'lieux', authorId: await participantIdOf(key), text: 'avant' });
		await waitFor(() => [sameInstance, otherInstance].every((c) => readNotes(c.doc).length === 1), 'the note everywhere');

		await postgres.stop();
		noteText(writer.doc, noteId)!.insert(5, ' pendant');
		// The writer is told (the storage error), and its instance closes the board's connections: nothing trusted unstored.
		await waitFor(() => writer.closes.includes(CloseCode.storageFull), 'the storage error');
		const health = await fetch(`${a.origin}/healthz`);
		expect(health.status).toBe(503);
		expect((await health.json()).database).toEqual({ kind: 'postgresql', state: 'unreachable' });
		await sleep(500);
		for (const client of [sameInstance, otherInstance]) expect(noteText(client.doc, noteId)!.toString()).toBe('avant');

		await postgres.start();
		// The clients reconnect by themselves; the writer's edit, kept in its document, is stored now and reaches everyone.
		await waitFor(
			() => [sameInstance, otherInstance].every((c) => noteText(c.doc, noteId)?.toString() === 'avant pendant'),
			'the edit after PostgreSQL came back',
			60_000
		);
		noteText(writer.doc, noteId)!.insert(noteText(writer.doc, noteId)!.length, ' après');
		await waitFor(() => noteText(otherInstance.doc, noteId)?.toString() === 'avant pendant après', 'the session going on', 60_000);
		expect(noteText(await storedDoc(url, board.id), noteId)!.toString()).toBe('avant pendant après');
	});

	test('a bad or unreachable TRAME_DATABASE_URL or TRAME_REDIS_URL stops the start with a message naming it', async () => {
		const closed = await freePort();
		const cases: [Record<string, string>, RegExp][] = [
			[{ TRAME_DATABASE_URL: 'mysql://nope' }, /TRAME_DATABASE_URL must be a URL such as postgres:\/\//],
			[{ TRAME_DATABASE_URL: `postgres://trame:secret@127.0.0.1:${closed}/trame` }, /Cannot use the PostgreSQL database postgres:\/\/trame:\*\*\*@127\.0\.0\.1:\d+\/trame \(TRAME_DATABASE_URL\)/],
			[{ TRAME_REDIS_URL: redis.url }, /TRAME_REDIS_URL .* set TRAME_DATABASE_URL/],
			[{ TRAME_DATABASE_URL: await postgres.createDatabase(), TRAME_REDIS_URL: `redis://127.0.0.1:${closed}` }, /Cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(TRAME_REDIS_URL\)/]
		];
		for (const [env, message] of cases) {
			const child = runNode('dist/server.js', [], { PORT: String(await freePort()), HOST: '127.0.0.1', TRAME_DATA_DIR: tempDataDir(), ...env });
			const exit = await child.exited;
			expect(exit.code).toBe(1);
			expect(child.stderr()).toMatch(message);
			expect(child.stderr()).not.toContain('secret');
		}
	});
});
