/**
 * Real-time sync against the real server process (DESIGN.md, "Real-time sync"
 * and "Participant identity"): stock y-websocket clients converge, roles and
 * identities are enforced, bad links are refused at the upgrade.
 */
import { describe, expect, onTestFinished, test } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WsSocket from 'ws';
import type WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { addNote, ensureRoots, noteText, readNotes } from '../../src/lib/board/doc';
import { CloseCode } from '../../src/lib/shared/errors';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { closeOf, connectClient, createBoard, openRaw, waitFor, yjsSocketUrl, type Client } from '../helpers/clients';
import { sleep, startServer, PROCESS_TEST_TIMEOUT_MS } from '../helpers/server-process';
import { MessageType } from '../../server/sync/protocol';

const texts = (client: Client) => readNotes(client.doc).map((n) => n.text);

async function participant(server: Awaited<ReturnType<typeof startServer>>, boardId: string, token: string) {
	const key = newKey();
	const client = await connectClient(server, boardId, { token, key });
	return { ...client, id: await participantIdOf(key) };
}

describe('sync with the real server', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
	test('two participants converge, and concurrent typing in one note keeps both texts', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const alice = await participant(server, board.id, board.tokens.participant);
		const bob = await participant(server, board.id, board.tokens.participant);

		const shared = addNote(alice.doc, { axisId: 'lieux', authorId: alice.id, text: 'Un tiers-lieu par quartier' });
		addNote(bob.doc, { axisId: 'communs', authorId: bob.id, text: 'Wiki des communs' });
		await waitFor(() => readNotes(alice.doc).length === 2 && readNotes(bob.doc).length === 2, 'both notes on both clients');

		// Both type into the same note before either hears from the other: a real conflict.
		noteText(alice.doc, shared)!.insert(0, '[Alice] ');
		noteText(bob.doc, shared)!.insert(noteText(bob.doc, shared)!.length, ' [Bob]');
		await waitFor(() => noteText(alice.doc, shared)!.toString() === noteText(bob.doc, shared)!.toString(), 'convergence');

		const merged = noteText(alice.doc, shared)!.toString();
		expect(merged).toContain('[Alice] ');
		expect(merged).toContain(' [Bob]');
		expect(merged).toContain('Un tiers-lieu par quartier');
		const fresh = await connectClient(server, board.id, { token: board.tokens.projector });
		expect(texts(fresh).sort()).toEqual(texts(alice).sort());
	});

	test("a projector's write is refused and does not disturb the participants", async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const screen = await connectClient(server, board.id, { token: board.tokens.projector });
		const alice = await participant(server, board.id, board.tokens.participant);
		const bob = await participant(server, board.id, board.tokens.participant);

		addNote(screen.doc, { axisId: 'lieux', authorId: 'projector', text: 'écrit par le projecteur' });
		// Frames on one socket are handled in order: once bob sees the projector's awareness
		// (which a projector may send), the server has already handled its write.
		screen.provider.awareness.setLocalStateField('name', 'Écran');
		await waitFor(() => bob.provider.awareness.getStates().has(screen.doc.clientID), 'the projector’s awareness');
		addNote(alice.doc, { axisId: 'donnees', authorId: alice.id, text: 'Données ouvertes' });
		await waitFor(() => texts(bob).includes('Données ouvertes'), 'bob to see alice');
		// The projector keeps receiving: it is read-only, not cut off.
		await waitFor(() => texts(screen).includes('Données ouvertes'), 'the projector to see alice');

		const fresh = await connectClient(server, board.id, { token: board.tokens.projector });
		expect(texts(fresh)).toEqual(['Données ouvertes']);
		expect(texts(bob)).toEqual(['Données ouvertes']);
	});

	test('projectors that only read are not counted as refused writers; a real write is, once', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const screen = await connectClient(server, board.id, { token: board.tokens.projector });
		await connectClient(server, board.id, { token: board.tokens.projector });
		const alice = await participant(server, board.id, board.tokens.participant);

		addNote(screen.doc, { axisId: 'lieux', authorId: 'projector', text: 'écrit par le projecteur' });
		screen.provider.awareness.setLocalStateField('name', 'Écran');
		await waitFor(() => alice.provider.awareness.getStates().has(screen.doc.clientID), 'the projector’s awareness');
		// The server logged the drop before relaying the awareness that followed it on the same socket.
		const drops = () => server.child.stdout().split('\n').filter((line) => line.includes('read-only connection dropped'));
		await waitFor(() => drops().length > 0, 'the drop in the log');
		expect(drops()).toHaveLength(1);
		expect(JSON.parse(drops()[0])).toMatchObject({ board: board.id, dropped: 1 });
	});

	test('a board unloaded from memory after everyone left comes back whole', async () => {
		// Unload as soon as the last client leaves; compact often, so the board reloads from a snapshot and a tail.
		const server = await startServer({ env: { TRAME_UNLOAD_AFTER_MS: '0', TRAME_COMPACT_AFTER_UPDATES: '5' } });
		const board = await createBoard(server);
		const alice = await participant(server, board.id, board.tokens.participant);
		const ids = ['Lieux', 'Données', 'Communs'].map((text, i) =>
			addNote(alice.doc, { axisId: ['lieux', 'donnees', 'communs'][i], authorId: alice.id, text })
		);
		for (let i = 0; i < 12; i++) noteText(alice.doc, ids[i % 3])!.insert(0, `${i} `);
		const screen = await connectClient(server, board.id, { token: board.tokens.projector });
		await waitFor(() => JSON.stringify(readNotes(screen.doc)) === JSON.stringify(readNotes(alice.doc)), 'the screen to catch up');
		const expected = readNotes(alice.doc);
		alice.destroy();
		screen.destroy();
		// Not observable from outside: give the server's zero-delay unload timer its turn.
		await sleep(300);

		const fresh = await connectClient(server, board.id, { token: board.tokens.projector });
		expect(readNotes(fresh.doc)).toEqual(expected);
	});

	test('unknown board → 404, bad token → 401, participant without key → 401 at the upgrade', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const key = newKey();
		const url = (boardId: string, params: Record<string, string>) => yjsSocketUrl(server, boardId, params);

		expect(await openRaw(url('nosuchboard', { token: board.tokens.participant, key }))).toEqual({ refused: 404 });
		expect(await openRaw(url(board.id, { token: 'not-a-token', key }))).toEqual({ refused: 401 });
		expect(await openRaw(url(board.id, { key }))).toEqual({ refused: 401 });
		expect(await openRaw(url(board.id, { token: board.tokens.participant }))).toEqual({ refused: 401 });
		expect(await openRaw(url(board.id, { token: board.tokens.facilitator }))).toEqual({ refused: 401 });
		// The same links with what they need do open (the refusals above are not a broken endpoint).
		expect(await openRaw(url(board.id, { token: board.tokens.participant, key }))).toHaveProperty('opened');
		expect(await openRaw(url(board.id, { token: board.tokens.projector }))).toHaveProperty('opened');
	});

	test('a note claiming another participant as author is refused; the others go on', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const alice = await participant(server, board.id, board.tokens.participant);
		const mallory = await participant(server, board.id, board.tokens.participant);
		const closed = new Promise<{ code: number; reason: string }>((resolve) =>
			mallory.provider.on('connection-close', (event) => event && resolve({ code: event.code, reason: event.reason }))
		);

		addNote(mallory.doc, { axisId: 'lieux', authorId: alice.id, text: 'Alice a dit…' });
		expect(await closed).toEqual({ code: CloseCode.refused, reason: 'update_refused:not_your_note' });

		addNote(alice.doc, { axisId: 'lieux', authorId: alice.id, text: 'Vraiment écrit par Alice' });
		const fresh = await connectClient(server, board.id, { token: board.tokens.projector });
		await waitFor(() => texts(fresh).length === 1, 'alice’s note on a fresh client');
		expect(readNotes(fresh.doc).map((n) => [n.text, n.authorId])).toEqual([['Vraiment écrit par Alice', alice.id]]);
	});

	test('display names travel in awareness without disconnecting anyone; changing another’s presence has no effect', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const alice = await participant(server, board.id, board.tokens.participant);
		const bob = await participant(server, board.id, board.tokens.participant);
		const screen = await connectClient(server, board.id, { token: board.tokens.projector });
		let closes = 0;
		for (const c of [alice, bob, screen]) c.provider.on('connection-close', () => closes++);

		// Stock providers re-send every awareness change they receive: the server must take that echo.
		alice.provider.awareness.setLocalStateField('name', 'Alice');
		bob.provider.awareness.setLocalStateField('name', 'Bob');
		const names = (c: Client) => [...c.provider.awareness.getStates().values()].flatMap((s) => s.name ?? []).sort();
		await waitFor(() => [alice, bob, screen].every((c) => names(c).join() === 'Alice,Bob'), 'both names everywhere');
		addNote(bob.doc, { axisId: 'lieux', authorId: bob.id, text: 'toujours connecté' });
		await waitFor(() => texts(alice).includes('toujours connecté'), 'bob’s note at alice');
		expect(closes).toBe(0);

		const { opened: mallory } = (await openRaw(yjsSocketUrl(server, board.id, { token: board.tokens.participant, key: newKey() }))) as { opened: WebSocket };
		const clock = alice.provider.awareness.meta.get(alice.doc.clientID)!.clock;
		mallory.send(awarenessFrame(alice.doc.clientID, clock + 1, { name: 'Mallory' }));
		// Frames are handled in order: once Mallory's own presence arrives, the forged one was seen and dropped.
		mallory.send(awarenessFrame(4242, 1, { name: 'Mallory (elle-même)' }));
		await waitFor(() => names(bob).includes('Mallory (elle-même)'), 'mallory’s own presence at bob');
		expect(names(bob)).toEqual(['Alice', 'Bob', 'Mallory (elle-même)']);
	});

	test('an edit whose earlier part never reached the server is asked for again and stored, not dropped', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const bob = await participant(server, board.id, board.tokens.participant);
		// Alice's socket loses her frames while `dropping` is on (a hiccup between her and the server).
		let dropping = false;
		class LossySocket extends WsSocket {
			send(data: Parameters<WsSocket['send']>[0]): void {
				if (!dropping) super.send(data);
			}
		}
		const key = newKey();
		const doc = new Y.Doc();
		ensureRoots(doc);
		const alice = new WebsocketProvider(server.yjsUrl, board.id, doc, {
			WebSocketPolyfill: LossySocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			params: { token: board.tokens.participant, key }
		});
		onTestFinished(() => alice.destroy());
		await waitFor(() => alice.synced, 'alice to sync');
		const noteId = addNote(doc, { axisId: 'lieux', authorId: await participantIdOf(key), text: 'Une médiathèque' });
		await waitFor(() => readNotes(bob.doc).length === 1, 'the note at bob');

		dropping = true;
		noteText(doc, noteId)!.insert(noteText(doc, noteId)!.length, ' ouverte');
		dropping = false;
		// Built on the lost keystrokes: the server cannot apply it alone, and asks alice for what it lacks.
		noteText(doc, noteId)!.insert(noteText(doc, noteId)!.length, ' le dimanche');
		await waitFor(() => noteText(bob.doc, noteId)?.toString() === 'Une médiathèque ouverte le dimanche', 'both edits at bob');
		const fresh = await connectClient(server, board.id, { token: board.tokens.projector });
		expect(texts(fresh)).toEqual(['Une médiathèque ouverte le dimanche']);
	});
});

/** An awareness message (y-protocols format) claiming `state` for `clientId` at `clock`. */
function awarenessFrame(clientId: number, clock: number, state: object): Uint8Array {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1);
	encoding.writeVarUint(update, clientId);
	encoding.writeVarUint(update, clock);
	encoding.writeVarString(update, JSON.stringify(state));
	const frame = encoding.createEncoder();
	encoding.writeVarUint(frame, MessageType.awareness);
	encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
	return encoding.toUint8Array(frame);
}
