/**
 * Pre-moderation (issue 14): with it on, a participant's new note waits in
 * their private document (stock client: `/yjs/<boardId>/private`) and reaches
 * the board, and the projector, only once a facilitator accepts it; a
 * rejected note goes to the bin. And participants' reports reach the console.
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addNote, readNotes } from '../../src/lib/board/doc';
import { sessionOf } from '../../src/lib/board/session';
import type { ModerationResponse } from '../../src/lib/shared/api';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { LIMITS } from '../../src/lib/shared/limits';
import { docContains, startServer, waitFor } from '../helpers/sync-clients';
import { until } from '../helpers/sync-client';

/** The pre-moderation queue as the server holds it (read in the board's queue, like the API does). */
function pendingOf(server: Awaited<ReturnType<typeof startServer>>) {
	return server.app.rooms.run(server.board.id, () => server.app.rooms.facilitation.pending(server.board.id));
}

type Server = Awaited<ReturnType<typeof startServer>>;

const api = (server: Server, role: 'facilitator' | 'participant' | 'projector', method: 'GET' | 'POST', path: string, payload?: object) =>
	server.app.inject({ method, url: `/api/boards/${server.board.id}${path}`, headers: { authorization: `Bearer ${server.token(role)}` }, payload });

describe('pre-moderation', () => {
	test('a note reaches the projector only once accepted; a rejected one never does', async () => {
		const server = await startServer();
		const session = await server.connect('facilitator', 'session');
		sessionOf(session.doc).set('premoderation', true);
		await waitFor(() => server.app.rooms.facilitation.session(server.board.id).premoderation, 'pre-moderation on');

		const key = newKey();
		const me = await participantIdOf(key);
		const board = await server.connect('participant', '', key);
		const mine = await server.connect('participant', 'private', key);
		const projector = await server.connect('projector');
		const good = addNote(mine.doc, { axisId: 'lieux', authorId: me, text: 'Un tiers-lieu par canton' });
		// The queue lists notes by the time they were written: the second one a few milliseconds later, as typing is.
		await new Promise((resolve) => setTimeout(resolve, 5));
		const bad = addNote(mine.doc, { axisId: 'lieux', authorId: me, text: 'Message injurieux' });

		await until(async () => (await pendingOf(server)).length === 2, 'the queue');
		const queue = ((await api(server, 'facilitator', 'GET', '/moderation')).json() as ModerationResponse).pending;
		expect(queue.map((n) => n.text)).toEqual(['Un tiers-lieu par canton', 'Message injurieux']);
		expect(readNotes(projector.doc)).toEqual([]);
		expect((await api(server, 'participant', 'POST', `/moderation/pending/${good}/accept`)).statusCode).toBe(403);

		expect((await api(server, 'facilitator', 'POST', `/moderation/pending/${good}/accept`)).json()).toEqual({ noteId: good, accepted: true });
		expect((await api(server, 'facilitator', 'POST', `/moderation/pending/${bad}/reject`)).json()).toEqual({ noteId: bad, accepted: false });
		await waitFor(() => readNotes(projector.doc).length === 1, 'the accepted note on the projector');
		expect(readNotes(projector.doc)[0]).toMatchObject({ id: good, text: 'Un tiers-lieu par canton', authorId: me });
		await waitFor(() => readNotes(mine.doc).length === 0, 'the private document to empty');
		expect(docContains(projector.doc, 'injurieux')).toBe(false);
		expect(readNotes(board.doc).map((n) => n.id)).toEqual([good]);

		const view = (await api(server, 'facilitator', 'GET', '/moderation')).json() as ModerationResponse;
		expect(view.pending).toEqual([]);
		expect(view.bin.map((b) => b.note.text)).toEqual(['Message injurieux']);
		expect(view.log.map((e) => e.action)).toEqual(['reject', 'accept']);
		expect((await api(server, 'facilitator', 'POST', `/moderation/pending/${good}/accept`)).statusCode).toBe(404);
	});

	test('a stock client writing straight to the board while pre-moderation is on is refused', async () => {
		const server = await startServer();
		const session = await server.connect('facilitator', 'session');
		sessionOf(session.doc).set('premoderation', true);
		await waitFor(() => server.app.rooms.facilitation.session(server.board.id).premoderation, 'pre-moderation on');
		const key = newKey();
		const board = await server.connect('participant', '', key);
		const projector = await server.connect('projector');
		addNote(board.doc, { axisId: 'lieux', authorId: await participantIdOf(key), text: 'Sans modération' });
		await waitFor(() => board.closed() !== null, 'the refusal');
		expect(board.closed()!.reason).toBe('update_refused:private_writing');
		expect(docContains(projector.doc, 'Sans modération')).toBe(false);
	});
});

describe('pre-moderation off', () => {
	test('turning it off moves the waiting notes onto the board, as the end of private writing does', async () => {
		const server = await startServer();
		const session = await server.connect('facilitator', 'session');
		sessionOf(session.doc).set('premoderation', true);
		await waitFor(() => server.app.rooms.facilitation.session(server.board.id).premoderation, 'pre-moderation on');
		const key = newKey();
		const mine = await server.connect('participant', 'private', key);
		addNote(mine.doc, { axisId: 'communs', authorId: await participantIdOf(key), text: 'En attente' });
		await until(async () => (await pendingOf(server)).length === 1, 'the queue');
		const projector = await server.connect('projector');
		expect(readNotes(projector.doc)).toEqual([]);
		sessionOf(session.doc).set('premoderation', false);
		await waitFor(() => readNotes(projector.doc).length === 1, 'the waiting note on the board');
		expect(readNotes(projector.doc)[0].text).toBe('En attente');
		expect(await pendingOf(server)).toEqual([]);
	});
});

describe('reports', () => {
	test('participants report a note once each; the console lists it', async () => {
		const server = await startServer();
		const key = newKey();
		const alice = await server.connect('participant', '', key);
		const noteId = addNote(alice.doc, { axisId: 'lieux', authorId: await participantIdOf(key), text: 'Publicité' });
		await waitFor(() => readNotes(server.app.rooms.peek(server.board.id)?.doc ?? new Y.Doc()).length === 1, 'the note');
		const [k1, k2] = [newKey(), newKey()];
		expect((await api(server, 'participant', 'POST', `/notes/${noteId}/report`, { key: k1 })).json()).toEqual({ count: 1 });
		expect((await api(server, 'participant', 'POST', `/notes/${noteId}/report`, { key: k1 })).json()).toEqual({ count: 1 });
		expect((await api(server, 'participant', 'POST', `/notes/${noteId}/report`, { key: k2 })).json()).toEqual({ count: 2 });
		expect((await api(server, 'projector', 'POST', `/notes/${noteId}/report`, { key: k2 })).statusCode).toBe(403);
		expect((await api(server, 'participant', 'POST', `/notes/nope/report`, { key: k2 })).statusCode).toBe(404);
		expect((await api(server, 'participant', 'POST', `/notes/${noteId}/report`, {})).statusCode).toBe(400);
		const view = (await api(server, 'facilitator', 'GET', '/moderation')).json() as ModerationResponse;
		expect(view.reports).toMatchObject([{ noteId, text: 'Publicité', count: 2 }]);
		// Fresh keys cannot grow the log without end.
		for (let i = 2; i < LIMITS.reportsPerNote + 5; i++) await api(server, 'participant', 'POST', `/notes/${noteId}/report`, { key: newKey() });
		expect(((await api(server, 'facilitator', 'GET', '/moderation')).json() as ModerationResponse).reports[0].count).toBe(LIMITS.reportsPerNote);
	});
});
