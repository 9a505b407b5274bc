/**
 * Moderation that withholds (issue 14): a note a facilitator hides (stock
 * client: `hidden: true` on the note) leaves every participant's and the
 * projector's document; a client connecting afterwards never receives its
 * text, neither in the document nor in any frame its socket gets; stored
 * history does not hold it either. Facilitators still see it, and unhide it.
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { addNote, hideNote, noteText, readNotes } from '../../src/lib/board/doc';
import type { ModerationResponse } from '../../src/lib/shared/api';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { startServer, waitFor } from '../helpers/sync-clients';

const SECRET = 'Numéro privé 06 12 34 56 78 🙈';

/** Every frame a socket receives, kept as bytes: what really reached the client. */
function recordingSocket(received: Buffer[]) {
	return class extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols);
			this.on('message', (data: Buffer) => received.push(Buffer.from(data)));
		}
	};
}

type Server = Awaited<ReturnType<typeof startServer>>;

/** A stock y-websocket client whose socket records what it receives; resolves once synced. */
async function recordedClient(server: Server, role: 'participant' | 'projector', port: number) {
	const received: Buffer[] = [];
	const doc = new Y.Doc();
	const params: Record<string, string> = { token: server.token(role) };
	if (role === 'participant') params.key = newKey();
	const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/yjs`, server.board.id, doc, {
		WebSocketPolyfill: recordingSocket(received) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params
	});
	await waitFor(() => provider.synced, `${role} to sync`);
	// Someone else's presence arrives too, so awareness frames are part of what is checked.
	await waitFor(() => provider.awareness.getStates().size > 1, 'the awareness of others');
	return { doc, received, close: () => (provider.destroy(), doc.destroy()) };
}

const portOf = (server: Server) => (server.app.server.address() as { port: number }).port;
const moderation = async (server: Server, role: 'facilitator' | 'organiser') =>
	(await server.app.inject({ url: `/api/boards/${server.board.id}/moderation`, headers: { authorization: `Bearer ${server.token(role)}` } })).json() as ModerationResponse;

describe('a hidden note is withheld', () => {
	test('fresh participants and projectors never receive its text; facilitators still see it and unhide it', async () => {
		const server = await startServer();
		const aliceKey = newKey();
		const alice = await server.connect('participant', '', aliceKey);
		alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
		const noteId = addNote(alice.doc, { axisId: 'lieux', authorId: await participantIdOf(aliceKey), text: SECRET });
		addNote(alice.doc, { axisId: 'donnees', authorId: await participantIdOf(aliceKey), text: 'Une note ordinaire' });
		const facilitator = await server.connect('facilitator');
		const projector = await server.connect('projector');
		await waitFor(() => readNotes(projector.doc).length === 2, 'the notes to reach the projector');

		hideNote(facilitator.doc, noteId);
		for (const client of [alice, facilitator, projector]) {
			await waitFor(() => readNotes(client.doc).length === 1, 'the hidden note to leave every open document');
		}

		const port = portOf(server);
		for (const role of ['participant', 'projector'] as const) {
			const fresh = await recordedClient(server, role, port);
			expect(readNotes(fresh.doc).map((n) => n.text)).toEqual(['Une note ordinaire']);
			const bytes = Buffer.concat(fresh.received);
			expect(bytes.includes(Buffer.from('Une note ordinaire'))).toBe(true);
			expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
			expect(bytes.includes(Buffer.from('Numéro privé'))).toBe(false);
			fresh.close();
		}

		// What the server stores for the board document no longer carries the text either.
		const db = server.app.db;
		const stored = [
			...(await db.rows<{ data: Uint8Array }>("SELECT data FROM yjs_snapshots WHERE board_id = ? AND doc = 'board'", [server.board.id])),
			...(await db.rows<{ data: Uint8Array }>("SELECT data FROM yjs_updates WHERE board_id = ? AND doc = 'board'", [server.board.id]))
		];
		expect(stored.length).toBeGreaterThan(0);
		for (const row of stored) expect(Buffer.from(row.data).includes(Buffer.from('Numéro privé'))).toBe(false);

		for (const role of ['facilitator', 'organiser'] as const) {
			const view = await moderation(server, role);
			expect(view.hidden.map((h) => h.note)).toMatchObject([{ id: noteId, text: SECRET, axisId: 'lieux' }]);
			expect(view.log[0]).toMatchObject({ action: 'hide', noteId });
		}

		const { logId } = (await moderation(server, 'facilitator')).hidden[0];
		const unhide = await server.app.inject({
			method: 'POST',
			url: `/api/boards/${server.board.id}/moderation/${logId}/restore`,
			headers: { authorization: `Bearer ${server.token('facilitator')}` }
		});
		expect(unhide.statusCode).toBe(200);
		await waitFor(() => readNotes(projector.doc).some((n) => n.text === SECRET), 'the unhidden note back on the projector');
		expect(readNotes(projector.doc).find((n) => n.id === noteId)?.hidden).toBeUndefined();
		const after = await moderation(server, 'facilitator');
		expect(after.hidden).toEqual([]);
		expect(after.log[0]).toMatchObject({ action: 'unhide', noteId });
	});

	test('after a restart the stored board still serves no hidden text', async () => {
		const server = await startServer();
		const key = newKey();
		const alice = await server.connect('participant', '', key);
		const noteId = addNote(alice.doc, { axisId: 'lieux', authorId: await participantIdOf(key), text: SECRET });
		const facilitator = await server.connect('facilitator');
		await waitFor(() => readNotes(facilitator.doc).length === 1, 'the note');
		hideNote(facilitator.doc, noteId);
		await waitFor(() => readNotes(alice.doc).length === 0, 'the hide');
		alice.provider.destroy();
		facilitator.provider.destroy();
		await waitFor(() => server.app.rooms.peerCount(server.board.id) === 0, 'every peer to leave');
		// Unloading and loading again reads the room from storage alone.
		server.app.rooms.evict(server.board.id);
		const projector = await server.connect('projector');
		expect(readNotes(projector.doc)).toEqual([]);
		expect(Buffer.from(Y.encodeStateAsUpdate(projector.doc)).includes(Buffer.from('Numéro privé'))).toBe(false);
	});

	test('an offline participant typing into the note while it is hidden sends nothing that others then receive', async () => {
		const server = await startServer();
		const key = newKey();
		const alice = await server.connect('participant', '', key);
		const noteId = addNote(alice.doc, { axisId: 'lieux', authorId: await participantIdOf(key), text: SECRET });
		const facilitator = await server.connect('facilitator');
		await waitFor(() => readNotes(facilitator.doc).length === 1, 'the note');
		alice.provider.disconnect();
		hideNote(facilitator.doc, noteId);
		await waitFor(() => readNotes(facilitator.doc).length === 0, 'the hide');
		noteText(alice.doc, noteId)!.insert(0, 'Toujours privé : ');
		alice.provider.connect();
		await waitFor(() => alice.provider.synced && readNotes(alice.doc).length === 0, 'alice to sync the hide');
		expect(alice.closed()).toBeNull();
		const projector = await server.connect('projector');
		expect(Buffer.from(Y.encodeStateAsUpdate(projector.doc)).includes(Buffer.from('Toujours privé'))).toBe(false);
		expect(Buffer.from(Y.encodeStateAsUpdate(projector.doc)).includes(Buffer.from('Numéro privé'))).toBe(false);
		// What the server stored of alice's late edit is what it applied: structure only, no text.
		const rows = await server.app.db.rows<{ data: Uint8Array }>('SELECT data FROM yjs_updates WHERE board_id = ?', [server.board.id]);
		for (const row of rows) expect(Buffer.from(row.data).includes(Buffer.from('Toujours privé'))).toBe(false);
	});
});
