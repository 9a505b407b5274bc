/**
 * "After deletion nothing of it remains in the database file" (issue 5):
 * a distinctive note goes through the real sync endpoint, the board (or its
 * event) is deleted through the API, and the SQLite file and its WAL are
 * searched byte by byte after a VACUUM.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { addNote, readNotes } from '../../../src/lib/board/doc';
import { synthesisText } from '../../../src/lib/board/session';
import { participantIdOf } from '../../../src/lib/shared/identity';
import { loadDoc } from '../../../server/sync/persistence';
import { buildTestApp } from '../../helpers/build-app';
import { connect, listen, tokenOf, until } from '../../helpers/sync-client';
import * as Y from 'yjs';
import { appendUpdate } from '../../../server/sync/persistence';
import { SESSION_DOC } from '../../../server/board-docs';

function fileHas(file: string, text: string): boolean {
	const needle = Buffer.from(text, 'utf8');
	return [file, `${file}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(needle));
}

async function writeSecret(app: Awaited<ReturnType<typeof buildTestApp>>['app'], origin: string, board: { id: string; links: Record<string, string> }) {
	const secret = `SECRET-${randomBytes(8).toString('hex')}`;
	const p = await connect(origin, board.id, tokenOf(board.links.participant));
	addNote(p.doc, { axisId: 'lieux', authorId: await participantIdOf(p.key), text: `Ma note ${secret}` });
	await until(async () => readNotes((await loadDoc(app.db, board.id)).doc).some((n) => n.text.includes(secret)), 'the note to be stored');
	// A synthesis in the session document, stored the way the server stores it.
	const session = new Y.Doc();
	synthesisText(session, 'lieux').insert(0, `Synthèse ${secret}-S`);
	await appendUpdate(app.db, board.id, Y.encodeStateAsUpdate(session), SESSION_DOC);
	return secret;
}

describe('deleting removes the data from the database file', () => {
	test('a board: its note and synthesis are nowhere in the file or the WAL after DELETE and VACUUM', async () => {
		const { app, config } = await buildTestApp({ TRAME_COMPACT_AFTER_UPDATES: '2' });
		const origin = await listen(app);
		const board = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Atelier privé' } })).json();
		const kept = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Atelier gardé' } })).json();
		const secret = await writeSecret(app, origin, board);
		const keptSecret = await writeSecret(app, origin, kept);
		expect(fileHas(config.databaseFile, secret)).toBe(true);

		const res = await app.inject({ method: 'DELETE', url: `/api/boards/${board.id}`, headers: { authorization: `Bearer ${tokenOf(board.links.organiser)}` } });
		expect(res.statusCode).toBe(204);
		await app.db.rows('VACUUM');
		expect(fileHas(config.databaseFile, secret)).toBe(false);
		expect(fileHas(config.databaseFile, `${secret}-S`)).toBe(false);
		// The other board is intact: the search would find a text that is there.
		expect(fileHas(config.databaseFile, keptSecret)).toBe(true);
	});

	test('an event: its workshops\' notes are gone too', async () => {
		const { app, config } = await buildTestApp();
		const origin = await listen(app);
		const event = (await app.inject({ method: 'POST', url: '/api/events', payload: { title: 'Rencontres' } })).json();
		const auth = { authorization: `Bearer ${tokenOf(event.links.organiser)}` };
		const board = (await app.inject({ method: 'POST', url: `/api/events/${event.id}/boards`, headers: auth, payload: { title: 'Atelier' } })).json();
		const secret = await writeSecret(app, origin, board);
		expect(fileHas(config.databaseFile, secret)).toBe(true);
		expect((await app.inject({ method: 'DELETE', url: `/api/events/${event.id}`, headers: auth })).statusCode).toBe(204);
		await app.db.rows('VACUUM');
		expect(fileHas(config.databaseFile, secret)).toBe(false);
		expect(fileHas(config.databaseFile, 'Rencontres')).toBe(false);
	});
});
