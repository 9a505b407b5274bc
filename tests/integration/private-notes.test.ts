/**
 * Private writing: notes written before the reveal never reach another
 * participant's browser (checked in the raw Y.Doc each client received), the
 * projector sees counts per axis, and the reveal merges them into the board.
 */
import { describe, expect, test } from 'vitest';
import { addNote, readNotes } from '../../src/lib/board/doc';
import { readSession, setPhase, setSessionField } from '../../src/lib/board/session';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { docContains, startServer, upgradeStatus, waitFor } from '../helpers/sync-clients';

const SECRET = 'Ouvrir la médiathèque le dimanche';

describe('private writing', () => {
	test('private notes are invisible to others before the reveal and on the board after it', async () => {
		const { connect } = await startServer();
		const facilitator = await connect('facilitator', 'session');
		setSessionField(facilitator.doc, 'privateWriting', true);
		const aliceKey = newKey();
		const aliceId = await participantIdOf(aliceKey);
		const alicePrivate = await connect('participant', 'private', aliceKey);
		const bobBoard = await connect('participant');
		const bobSession = await connect('participant', 'session');
		const screenSession = await connect('projector', 'session');
		await waitFor(() => readSession(bobSession.doc).privateWriting, 'private writing to reach bob');

		addNote(alicePrivate.doc, { axisId: 'lieux', authorId: aliceId, text: SECRET });
		addNote(alicePrivate.doc, { axisId: 'communs', authorId: aliceId, text: 'Un wiki partagé' });
		await waitFor(
			() => readSession(screenSession.doc).privateCounts.communs === 1,
			'the projector to see the counts'
		);
		expect(readSession(screenSession.doc).privateCounts).toEqual({ lieux: 1, communs: 1 });
		expect(alicePrivate.closed()).toBeNull();
		// What bob's browser holds: neither the board nor the session carries the text.
		expect(docContains(bobBoard.doc, SECRET)).toBe(false);
		expect(docContains(bobSession.doc, SECRET)).toBe(false);
		expect(docContains(screenSession.doc, SECRET)).toBe(false);
		expect(readNotes(bobBoard.doc)).toEqual([]);
		// Bob's own private document is his alone: alice's notes are not in it.
		const bobPrivate = await connect('participant', 'private');
		expect(docContains(bobPrivate.doc, SECRET)).toBe(false);

		setSessionField(facilitator.doc, 'privateWriting', false);
		await waitFor(() => readNotes(bobBoard.doc).length === 2, 'the reveal to reach bob');
		expect(readNotes(bobBoard.doc).map((n) => [n.text, n.authorId, n.axisId]).sort()).toEqual([
			[SECRET, aliceId, 'lieux'],
			['Un wiki partagé', aliceId, 'communs']
		]);
		await waitFor(() => readNotes(alicePrivate.doc).length === 0, 'alice’s private document to be emptied');
		await waitFor(() => Object.keys(readSession(screenSession.doc).privateCounts).length === 0, 'counts reset');

		// Stored, not only broadcast: a client connecting later gets the notes.
		const later = await connect('projector');
		expect(readNotes(later.doc).map((n) => n.text).sort()).toEqual([SECRET, 'Un wiki partagé']);
	});

	test('leaving Collect also reveals, and turns private writing off', async () => {
		const { connect } = await startServer();
		const facilitator = await connect('facilitator', 'session');
		setSessionField(facilitator.doc, 'privateWriting', true);
		const key = newKey();
		const p = await connect('participant', 'private', key);
		const pSession = await connect('participant', 'session');
		await waitFor(() => readSession(pSession.doc).privateWriting, 'private writing on');
		addNote(p.doc, { axisId: 'donnees', authorId: await participantIdOf(key), text: SECRET });
		const board = await connect('projector');
		await waitFor(() => readSession(pSession.doc).privateCounts.donnees === 1, 'the count');
		setPhase(facilitator.doc, 'group');
		await waitFor(() => readNotes(board.doc).length === 1, 'the reveal');
		await waitFor(() => !readSession(facilitator.doc).privateWriting, 'private writing off');
	});

	test('only the author reaches a private document; public notes are refused while writing privately', async () => {
		const { app, board, token, connect } = await startServer();
		const port = (app.server.address() as { port: number }).port;
		const url = `ws://127.0.0.1:${port}/yjs/${board.id}/private?token=`;
		expect(await upgradeStatus(url + token('projector'))).toBe(403);
		expect(await upgradeStatus(url + token('participant'))).toBe(401);

		const facilitator = await connect('facilitator', 'session');
		setSessionField(facilitator.doc, 'privateWriting', true);
		const key = newKey();
		const pSession = await connect('participant', 'session');
		await waitFor(() => readSession(pSession.doc).privateWriting, 'private writing on');
		const pBoard = await connect('participant', '', key);
		addNote(pBoard.doc, { axisId: 'lieux', authorId: await participantIdOf(key), text: 'en public' });
		await waitFor(() => pBoard.closed() !== null, 'the public note to be refused');
		expect(pBoard.closed()!.reason).toBe('update_refused:private_writing');

		setSessionField(facilitator.doc, 'privateWriting', false);
		await waitFor(() => !readSession(pSession.doc).privateWriting, 'private writing off');
		const pPrivate = await connect('participant', 'private', key);
		addNote(pPrivate.doc, { axisId: 'lieux', authorId: await participantIdOf(key), text: 'trop tard' });
		await waitFor(() => pPrivate.closed() !== null, 'a private note after the reveal to be refused');
		expect(pPrivate.closed()!.reason).toBe('update_refused:private_writing_off');
	});
});
