/**
 * Moderation: a facilitator's deletes are logged, deleted notes go to a bin,
 * and a restore puts the note back on every client (hides: withhold.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { addNote, deleteNote, readNotes } from '../../src/lib/board/doc';
import type { ModerationResponse, TimeResponse } from '../../src/lib/shared/api';
import { setPhase } from '../../src/lib/board/session';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { startServer, waitFor } from '../helpers/sync-clients';

describe('moderation', () => {
	test('delete, read the log and the bin, restore', async () => {
		const { app, board, token, connect } = await startServer();
		const aliceKey = newKey();
		const alice = await connect('participant', '', aliceKey);
		const noteId = addNote(alice.doc, { axisId: 'lieux', authorId: await participantIdOf(aliceKey), text: 'Hors sujet' });
		const facKey = newKey();
		const facilitator = await connect('facilitator', '', facKey);
		await waitFor(() => readNotes(facilitator.doc).length === 1, 'the note to reach the facilitator');

		deleteNote(facilitator.doc, noteId);
		await waitFor(() => readNotes(alice.doc).length === 0, 'the delete');

		const get = (role: 'facilitator' | 'organiser' | 'participant') =>
			app.inject({ url: `/api/boards/${board.id}/moderation`, headers: { authorization: `Bearer ${token(role)}` } });
		expect((await get('participant')).statusCode).toBe(403);
		const organiserView = (await get('organiser')).json() as ModerationResponse;
		const facId = await participantIdOf(facKey);
		expect(organiserView.log.map((e) => [e.action, e.noteId, e.actorId])).toEqual([['delete', noteId, facId]]);
		const { bin } = (await get('facilitator')).json() as ModerationResponse;
		expect(bin).toHaveLength(1);
		expect(bin[0].note).toMatchObject({ id: noteId, text: 'Hors sujet', axisId: 'lieux' });

		const restore = (logId: number, role: 'facilitator' | 'participant' = 'facilitator') =>
			app.inject({
				method: 'POST',
				url: `/api/boards/${board.id}/moderation/${logId}/restore`,
				headers: { authorization: `Bearer ${token(role)}` }
			});
		expect((await restore(bin[0].logId, 'participant')).statusCode).toBe(403);
		const restored = await restore(bin[0].logId);
		expect(restored.statusCode).toBe(200);
		await waitFor(() => readNotes(alice.doc).length === 1, 'the restored note to reach alice');
		expect(readNotes(alice.doc)[0]).toMatchObject({ id: noteId, text: 'Hors sujet' });
		expect(((await get('facilitator')).json() as ModerationResponse).bin).toEqual([]);
		expect((await restore(bin[0].logId)).statusCode).toBe(404);
		const later = await connect('projector');
		expect(readNotes(later.doc).map((n) => n.text)).toEqual(['Hors sujet']);
	});

	test('a participant deleting their own note is not moderation', async () => {
		const { app, board, token, connect } = await startServer();
		const key = newKey();
		const p = await connect('participant', '', key);
		const noteId = addNote(p.doc, { axisId: 'lieux', authorId: await participantIdOf(key), text: 'brouillon' });
		const watcher = await connect('projector');
		await waitFor(() => readNotes(watcher.doc).length === 1, 'the note');
		deleteNote(p.doc, noteId);
		await waitFor(() => readNotes(watcher.doc).length === 0, 'the delete');
		const res = await app.inject({
			url: `/api/boards/${board.id}/moderation`,
			headers: { authorization: `Bearer ${token('facilitator')}` }
		});
		expect(res.json()).toEqual({ log: [], bin: [], hidden: [], reports: [], pending: [] });
	});

	test('a closed session: the facilitator can no longer restore', async () => {
		const { app, board, token, connect } = await startServer();
		const session = await connect('facilitator', 'session');
		setPhase(session.doc, 'closed');
		await waitFor(() => app.rooms.facilitation.session(board.id).phase === 'closed', 'closed');
		const res = await app.inject({
			method: 'POST',
			url: `/api/boards/${board.id}/moderation/1/restore`,
			headers: { authorization: `Bearer ${token('facilitator')}` }
		});
		expect(res.statusCode).toBe(403);
	});
});

describe('server time and board deletion', () => {
	test('GET /api/time gives the server clock', async () => {
		const { app } = await startServer();
		const before = Date.now();
		const body = (await app.inject({ url: '/api/time' })).json() as TimeResponse;
		expect(body.now).toBeGreaterThanOrEqual(before);
		expect(body.now).toBeLessThanOrEqual(Date.now());
	});

	test('deleting a board closes the connections to all its documents', async () => {
		const { app, board, token, connect } = await startServer();
		const notes = await connect('participant');
		const session = await connect('projector', 'session');
		const mine = await connect('participant', 'private');
		const res = await app.inject({
			method: 'DELETE',
			url: `/api/boards/${board.id}`,
			headers: { authorization: `Bearer ${token('organiser')}` }
		});
		expect(res.statusCode).toBe(204);
		await waitFor(() => [notes, session, mine].every((c) => c.closed() !== null), 'every connection to close');
		expect(session.closed()!.reason).toBe('access_revoked');
		expect(app.rooms.loaded(board.id)).toEqual([]);
	});
});
