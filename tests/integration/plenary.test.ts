/**
 * The plenary (issue 11) against the real server process: a hall of phones
 * behind one address, each holding one multiplexed socket (light raw
 * clients, not Y.Docs), presence as a count, the admission queue, a
 * 10,000-note board, and a hostile client sharing the venue's address.
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addNote, readNotes } from '../../src/lib/board/doc';
import { LIMITS } from '../../src/lib/shared/limits';
import { CloseCode } from '../../src/lib/shared/errors';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { connectClient, createBoard, waitFor, type TestBoard } from '../helpers/clients';
import { startServer, type ServerProcess, PROCESS_TEST_TIMEOUT_MS } from '../helpers/server-process';
import { LightClient } from '../helpers/mux-client';

async function light(server: ServerProcess, board: TestBoard, role: 'participant' | 'facilitator' | 'projector' = 'participant', key = newKey()) {
	const params: Record<string, string> = { token: board.tokens[role] };
	if (role !== 'projector') params.key = key;
	const result = await LightClient.open(server.origin, board.id, params);
	if (!('client' in result)) throw new Error(`refused at upgrade: ${result.refused}`);
	return result.client;
}

/** Opens `n` light participants in waves of `wave` (a hall arriving), each syncing and announcing a name. */
async function hall(server: ServerProcess, board: TestBoard, n: number, wave = 100) {
	const clients: LightClient[] = [];
	const keys: string[] = [];
	const refused: number[] = [];
	for (let i = 0; i < n; i += wave) {
		const waveKeys = Array.from({ length: Math.min(wave, n - i) }, () => newKey());
		const batch = await Promise.all(
			waveKeys.map((key) => LightClient.open(server.origin, board.id, { token: board.tokens.participant, key }))
		);
		batch.forEach((r, j) => {
			if ('client' in r) {
				r.client.syncBoard();
				r.client.announce({ user: { name: `P${clients.length}` } });
				clients.push(r.client);
				keys.push(waveKeys[j]);
			} else refused.push(r.refused);
		});
	}
	return { clients, keys, refused };
}

/** Notes by `authorId`, as updates of at most `perUpdate` notes (one frame stays under LIMITS.messageBytes). */
function noteUpdates(authorId: string, count: number, perUpdate = 2000): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	for (let done = 0; done < count; done += perUpdate) {
		const before = Y.encodeStateVector(doc);
		doc.transact(() => {
			for (let i = done; i < Math.min(count, done + perUpdate); i++) {
				addNote(doc, { axisId: ['lieux', 'donnees', 'communs'][i % 3], authorId, text: `idée ${i}` });
			}
		});
		updates.push(Y.encodeStateAsUpdate(doc, before));
	}
	return updates;
}

describe('plenary', { timeout: PROCESS_TEST_TIMEOUT_MS * 2 }, () => {
	test('1,200 participants from 127.0.0.1 are all admitted on one socket each; participants see a count, the facilitator every name', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const facilitator = await light(server, board, 'facilitator');
		facilitator.syncBoard();
		const { clients, refused } = await hall(server, board, 1200);
		expect(refused).toEqual([]);
		await waitFor(() => clients.every((c) => c.synced), 'every participant to sync', 120_000);
		// Everyone behind one address: the plenary count (1,200 phones and the facilitator) reaches every phone…
		await waitFor(() => clients.every((c) => c.present === 1201), 'every phone to count 1,201 people', 60_000);
		// …while the facilitator hears every name.
		const names = () => new Set(facilitator.heard.flatMap((e) => ((e.state as { user?: { name: string } })?.user ? [e.clientId] : [])));
		await waitFor(() => names().size === 1200, 'the facilitator to hear 1,200 names', 60_000);
		// Once the board is a plenary, a phone that joins is sent nobody else's state: presence per phone stays O(1).
		for (const c of clients.slice(LIMITS.plenaryFrom * 4)) expect(c.heard.filter((e) => e.clientId !== 0 && e.clientId !== c.clientId)).toEqual([]);
		for (const c of clients) c.close();
	});

	test('an echo of someone else’s presence is never relayed', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const [alice, bob, carol] = [await light(server, board), await light(server, board), await light(server, board)];
		for (const c of [alice, bob, carol]) c.syncBoard();
		await waitFor(() => [alice, bob, carol].every((c) => c.synced), 'three to sync');
		alice.announce({ user: { name: 'Alice' } });
		await waitFor(() => carol.heard.some((e) => e.clientId === alice.clientId), 'carol to hear alice');
		const heardOfAlice = bob.heard.filter((e) => e.clientId === alice.clientId);
		// Bob's stock client sends back what it heard, with a newer clock and a new name.
		bob.sendAwareness(heardOfAlice.map((e) => ({ ...e, clock: e.clock + 5, state: { user: { name: 'Mallory' } } })));
		// Alice's next change is the only news of her anyone gets.
		alice.announce({ user: { name: 'Alice', done: 1 } });
		await waitFor(() => carol.heard.some((e) => e.clientId === alice.clientId && (e.state as { user: { done?: number } }).user.done === 1), 'carol to hear alice is done');
		const aliceSeenByCarol = carol.heard.filter((e) => e.clientId === alice.clientId);
		expect(aliceSeenByCarol.map((e) => (e.state as { user: { name: string } }).user.name)).toEqual(['Alice', 'Alice']);
		expect(bob.closedDocs).toEqual([]);
	});

	test('joins beyond what the server admits per second wait in the queue, then all get in', async () => {
		const server = await startServer({ env: { TRAME_JOINS_PER_SECOND: '5' } });
		const board = await createBoard(server);
		const { clients, refused } = await hall(server, board, 40, 40);
		expect(refused).toEqual([]);
		await waitFor(() => clients.some((c) => c.queuedAt !== null), 'someone to be told their place in the queue');
		await waitFor(() => clients.every((c) => c.admitted && c.synced), 'every late joiner to be admitted and synced', 60_000);
	});

	test('a 10,000-note board loads, converges, and refuses the 10,001st note', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const key = newKey();
		const authorId = await participantIdOf(key);
		const seeder = await light(server, board, 'participant', key);
		seeder.syncBoard();
		await waitFor(() => seeder.synced, 'the seeder to sync');
		// Seeded as a few large updates from one raw client, not 10,000 clicks.
		for (const update of noteUpdates(authorId, LIMITS.notesPerBoard - 1)) seeder.sendUpdate(update);
		const readerKey = newKey();
		const reader = await connectClient(server, board.id, { token: board.tokens.participant, key: readerKey });
		await waitFor(() => readNotes(reader.doc).length === LIMITS.notesPerBoard - 1, 'a fresh client to hold 9,999 notes', 60_000);
		expect(seeder.closedDocs).toEqual([]);

		// The 10,000th note, written by the fresh client, reaches another fresh one: they converge.
		addNote(reader.doc, { axisId: 'communs', authorId: await participantIdOf(readerKey), text: 'la dix-millième' });
		const other = await connectClient(server, board.id, { token: board.tokens.projector });
		await waitFor(() => readNotes(other.doc).length === LIMITS.notesPerBoard, 'the other client to hold 10,000 notes', 60_000);
		expect(JSON.stringify(readNotes(other.doc))).toBe(JSON.stringify(readNotes(reader.doc)));

		// One note more is refused: the sender's document is closed with the rule it broke.
		seeder.sendUpdate(noteUpdates(authorId, 1)[0]);
		await waitFor(() => seeder.closedDocs.length > 0, 'the 10,001st note to be refused');
		expect(seeder.closedDocs[0]).toMatchObject({ doc: 'board', code: CloseCode.refused });
		expect(readNotes(other.doc)).toHaveLength(LIMITS.notesPerBoard);
	});

	test('a hostile client behind the venue’s address cannot crowd out the hall', async () => {
		const server = await startServer({ env: { TRAME_CONNECTIONS_PER_IP: '150' } });
		const board = await createBoard(server);
		const { clients, keys } = await hall(server, board, 60);
		await waitFor(() => clients.every((c) => c.synced), 'the hall to sync');

		// One key opening socket after socket: capped per key, not per address.
		const key = newKey();
		const attempts = await Promise.all(
			Array.from({ length: LIMITS.connectionsPerKey + 8 }, () => LightClient.open(server.origin, board.id, { token: board.tokens.participant, key }))
		);
		expect(attempts.filter((a) => 'client' in a)).toHaveLength(LIMITS.connectionsPerKey);
		expect(attempts.filter((a) => 'refused' in a).map((a) => ('refused' in a ? a.refused : 0))).toEqual(Array(8).fill(429));

		// A message flood: the flooding socket is cut off, nobody else.
		const flooder = (attempts.find((a) => 'client' in a) as { client: LightClient }).client;
		const closed = new Promise<number>((resolve) => flooder.ws.once('close', (code) => resolve(code)));
		for (let i = 0; i < LIMITS.messageBurst * 3; i++) flooder.announce({ user: { name: `spam ${i}` } });
		expect(await closed).toBe(CloseCode.tooFast);

		// Minting keys: the address ceiling holds, far above what the hall needs.
		const minted = await Promise.all(
			Array.from({ length: 120 }, () => LightClient.open(server.origin, board.id, { token: board.tokens.participant, key: newKey() }))
		);
		expect(minted.filter((a) => 'refused' in a).length).toBeGreaterThan(0);
		for (const a of [...attempts, ...minted]) if ('client' in a) a.client.close();

		// The hall still works: a note from one phone reaches every other phone.
		const before = clients.map((c) => c.updates.length);
		clients[0].sendUpdate(noteUpdates(await participantIdOf(keys[0]), 1)[0]);
		await waitFor(() => clients.slice(1).every((c, i) => c.updates.length > before[i + 1]), 'the hall to hear the note');
		expect(clients[0].closedDocs).toEqual([]);
		expect(clients.every((c) => c.ws.readyState === c.ws.OPEN)).toBe(true);
	});
});
