/**
 * Broken and hostile clients against the real server process: each offending
 * connection is closed with our close codes, while two well-behaved stock
 * y-websocket clients keep editing, converge, and lose nothing.
 */
import { describe, expect, test } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { addNote, noteText, readNotes } from '../../src/lib/board/doc';
import { LIMITS } from '../../src/lib/shared/limits';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { closeOf, connectClient, createBoard, openRaw, waitFor, yjsSocketUrl, type Client } from '../helpers/clients';
import { sleep, startServer, type ServerProcess, PROCESS_TEST_TIMEOUT_MS } from '../helpers/server-process';
import { xorshift, type Rng } from '../helpers/prng';
import { HOSTILE_KINDS, hostileFrame, oversizeFrame, type Context, type Hostile } from '../helpers/hostile-frames';

const FRAMES = 200;
const OVERSIZE_EVERY = 50;

interface Typist extends Client {
	/** The first note, which attackers target. */
	noteId: string;
	noteIds: string[];
	typed: string[];
	closes: number;
	stop(): void;
}

/** Words per note: well under LIMITS.noteLengthMax, which the server enforces on honest clients too. */
const WORDS_PER_NOTE = 50;

/** A well-behaved participant typing numbered words into its own notes until stopped. */
async function typist(server: ServerProcess, boardId: string, token: string, label: string, rng: Rng): Promise<Typist> {
	const key = newKey();
	const authorId = await participantIdOf(key);
	const client = await connectClient(server, boardId, { token, key });
	const newNote = () => addNote(client.doc, { axisId: 'donnees', authorId, text: label });
	const noteIds = [newNote()];
	let stopped = false;
	const t: Typist = { ...client, noteId: noteIds[0], noteIds, typed: [label], closes: 0, stop: () => (stopped = true) };
	client.provider.on('connection-close', () => t.closes++);
	void (async () => {
		for (let i = 1; !stopped; i++) {
			const word = `${label}.${i}`;
			const text = noteText(client.doc, noteIds[noteIds.length - 1])!;
			text.insert(text.length, ` ${word}`);
			t.typed.push(word);
			if (i % WORDS_PER_NOTE === 0) noteIds.push(newNote());
			await sleep(rng.int(2, 10));
		}
	})();
	return t;
}

async function attack(server: ServerProcess, boardId: string, token: string, hostile: (attackerId: string) => Hostile) {
	const key = newKey();
	const upgrade = await openRaw(yjsSocketUrl(server, boardId, { token, key }));
	if (!('opened' in upgrade)) throw new Error(`attacker refused at upgrade: ${upgrade.refused}`);
	const socket: WebSocket = upgrade.opened;
	const closed = closeOf(socket);
	const h = hostile(await participantIdOf(key));
	socket.send(h.frame);
	return { hostile: h, close: await closed };
}

describe('bad clients against the real server process', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
	test(`${FRAMES} seeded hostile frames close only their senders; honest clients converge and lose nothing`, async () => {
		const rng = xorshift(0x7a3e);
		const server = await startServer();
		const board = await createBoard(server);
		const token = board.tokens.participant;
		const alice = await typist(server, board.id, token, 'alice', rng);
		const bob = await typist(server, board.id, token, 'bob', rng);
		await waitFor(() => noteText(bob.doc, alice.noteId) !== null, 'bob to see alice’s note');

		const mismatches: string[] = [];
		const seenKinds = new Set<string>();
		for (let i = 0; i < FRAMES; i++) {
			const result = await attack(server, board.id, token, (attackerId) => {
				if (i % OVERSIZE_EVERY === OVERSIZE_EVERY - 1) return oversizeFrame();
				// Bob's copy holds only what the server relayed from alice: a view of the stored board.
				const ctx: Context = {
					boardState: Y.encodeStateAsUpdate(bob.doc),
					attackerId,
					othersNoteId: alice.noteId
				};
				return hostileFrame(rng.pick(HOSTILE_KINDS), rng, ctx);
			});
			const { hostile, close } = result;
			seenKinds.add(hostile.kind);
			const codeOk = hostile.expected.codes.includes(close.code);
			const reasonOk = hostile.expected.reason === undefined || hostile.expected.reason === close.reason;
			if (!codeOk || !reasonOk) mismatches.push(`#${i} ${hostile.kind}: closed ${close.code} "${close.reason}"`);
		}
		expect(mismatches).toEqual([]);
		expect([...seenKinds].sort()).toEqual([...HOSTILE_KINDS, 'oversize'].sort());

		alice.stop();
		bob.stop();
		const fresh = await connectClient(server, board.id, { token: board.tokens.projector });
		const words = (c: Client) => new Set(readNotes(c.doc).flatMap((n) => n.text.split(' ')));
		await waitFor(() => [...alice.typed, ...bob.typed].every((w) => words(fresh).has(w)), 'every typed word on a fresh client');
		await waitFor(
			() => JSON.stringify(readNotes(alice.doc)) === JSON.stringify(readNotes(bob.doc)),
			'alice and bob to converge'
		);
		expect(readNotes(fresh.doc)).toEqual(readNotes(alice.doc));
		expect(readNotes(fresh.doc).map((n) => n.id).sort()).toEqual([...alice.noteIds, ...bob.noteIds].sort());
		expect({ alice: alice.closes, bob: bob.closes }).toEqual({ alice: 0, bob: 0 });
	});

	test('connections over the per-address ceiling (TRAME_CONNECTIONS_PER_IP) are refused with 429, and a freed slot can be reused', async () => {
		const ceiling = 40;
		const server = await startServer({ env: { TRAME_CONNECTIONS_PER_IP: String(ceiling) } });
		const board = await createBoard(server);
		// Each with its own key, as a script minting keys would: the per-key cap does not apply, the address ceiling does.
		const url = () => yjsSocketUrl(server, board.id, { token: board.tokens.participant, key: newKey() });
		// All at once, as a misbehaving script would: the cap must hold under concurrency too.
		const results = await Promise.all(Array.from({ length: ceiling + 5 }, () => openRaw(url())));
		const opened = results.flatMap((r) => ('opened' in r ? [r.opened] : []));
		const refused = results.flatMap((r) => ('refused' in r ? [r.refused] : []));
		expect(opened).toHaveLength(ceiling);
		expect(refused).toEqual([429, 429, 429, 429, 429]);

		opened[0].close();
		// The server frees the slot when it sees the close, a moment after the client does.
		let again = await openRaw(url());
		for (let tries = 0; 'refused' in again && tries < 50; tries++) again = await openRaw(url());
		expect(again).toHaveProperty('opened');
	});

	test('one participant key holds at most LIMITS.connectionsPerKey connections, whatever the address allows', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const url = yjsSocketUrl(server, board.id, { token: board.tokens.participant, key: newKey() });
		const results = await Promise.all(Array.from({ length: LIMITS.connectionsPerKey + 3 }, () => openRaw(url)));
		expect(results.filter((r) => 'opened' in r)).toHaveLength(LIMITS.connectionsPerKey);
		expect(results.flatMap((r) => ('refused' in r ? [r.refused] : []))).toEqual([429, 429, 429]);
	});
});
