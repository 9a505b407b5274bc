import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import pino from 'pino';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { addNote, initBoard, readNotes } from '../../../src/lib/board/doc';
import { CloseCode } from '../../../src/lib/shared/errors';
import { TEMPLATE_AXES } from '../../../src/lib/shared/templates';
import type { Writer } from '../../../src/lib/board/validate';
import { insertBoard } from '../../../server/db/boards';
import { BOARD_DOC, loadDoc } from '../../../server/sync/persistence';
import { Rooms } from '../../../server/sync/rooms';
import { localBus } from '../../../server/sync/local';
import type { Room, Peer } from '../../../server/sync/room';
import { encodeAwareness, encodeUpdate, encodeSyncStep1 } from '../../../server/sync/protocol';
import { testDb } from '../../helpers/build-app';

interface TestPeer extends Peer {
	received: Uint8Array[];
	closed: { code: number; reason: string } | null;
}

function peer(writer: Writer, onSend?: () => void): TestPeer {
	const p: TestPeer = {
		writer,
		awarenessIds: new Set(),
		received: [],
		closed: null,
		send(data) {
			onSend?.();
			p.received.push(data);
		},
		close(code, reason) {
			p.closed = { code, reason };
		}
	};
	return p;
}

async function setup() {
	const { db } = await testDb();
	const { board } = await insertBoard(db, 'Atelier');
	const seed = new Y.Doc();
	initBoard(seed, { title: 'Atelier', axes: TEMPLATE_AXES.nec });
	await db.store.compact(board.id, BOARD_DOC, Y.encodeStateAsUpdate(seed), 0);
	const rooms = new Rooms(db, localBus(), { compactAfterUpdates: 1000, unloadAfterMs: 60_000, log: pino({ level: 'silent' }) });
	const room = await rooms.connect(board.id);
	/** The update a client would send to add a note. */
	const noteUpdate = (authorId: string, text = 'idée', count = 1) => {
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
		const sv = Y.encodeStateVector(client);
		client.transact(() => {
			for (let i = 0; i < count; i++) addNote(client, { axisId: 'lieux', authorId, text });
		});
		return encodeUpdate(Y.encodeStateAsUpdate(client, sv));
	};
	const stored = async () => readNotes((await loadDoc(db, board.id)).doc);
	return { db, room, noteUpdate, stored };
}

const alice: Writer = { role: 'participant', participantId: 'alice' };

describe('room', () => {
	test('an update is stored before any peer receives it', async () => {
		const { room, noteUpdate, stored } = await setup();
		const a = peer(alice);
		// SQLite reads at once, when the send happens; PostgreSQL's read is sent then too.
		let storedWhenSent: Promise<number> | null = null;
		const b = peer({ role: 'participant', participantId: 'bob' }, () => (storedWhenSent = stored().then((n) => n.length)));
		room.join(a);
		room.join(b);
		b.received.length = 0;
		await room.receive(a, noteUpdate('alice'));
		expect(b.received).toHaveLength(1);
		expect(await storedWhenSent).toBe(1);
		expect(a.closed).toBeNull();
	});

	test('a refused update is neither stored nor broadcast, and the room rolls back', async () => {
		const { room, noteUpdate, stored } = await setup();
		const mallory = peer({ role: 'participant', participantId: 'mallory' });
		const b = peer(alice);
		room.join(mallory);
		room.join(b);
		b.received.length = 0;
		await room.receive(mallory, noteUpdate('alice'));
		expect(mallory.closed?.code).toBe(CloseCode.refused);
		expect(mallory.closed?.reason).toBe('update_refused:not_your_note');
		expect(b.received).toHaveLength(0);
		expect(readNotes(room.doc)).toEqual([]);
		expect(await stored()).toEqual([]);
	});

	test('a projector update is dropped and counted, the board unchanged', async () => {
		const { room, noteUpdate, stored } = await setup();
		const screen = peer({ role: 'projector', participantId: null });
		room.join(screen);
		await room.receive(screen, noteUpdate('x'));
		expect(room.droppedUpdates).toBe(1);
		expect(await stored()).toEqual([]);
		expect(readNotes(room.doc)).toEqual([]);
	});

	test('garbage closes only the sender', async () => {
		const { room, noteUpdate } = await setup();
		const bad = peer(alice);
		const good = peer({ role: 'participant', participantId: 'bob' });
		room.join(bad);
		room.join(good);
		await room.receive(bad, new Uint8Array([0, 2, 50, 1, 2, 3]));
		expect(bad.closed?.code).toBe(CloseCode.malformed);
		await room.receive(good, noteUpdate('bob'));
		expect(good.closed).toBeNull();
		expect(readNotes(room.doc)).toHaveLength(1);
	});

	/** What a client that opens the board with an empty document holds after the answer to its sync step 1 (a step 2, then maybe an update). */
	async function openBoard(room: Room): Promise<ReturnType<typeof readNotes>> {
		const client = peer({ role: 'participant', participantId: 'newcomer' });
		room.join(client);
		const sent = client.received.length;
		await room.receive(client, encodeSyncStep1(new Y.Doc()));
		const answer = client.received.slice(sent);
		const doc = new Y.Doc();
		answer.forEach((message, i) => {
			const decoder = decoding.createDecoder(message);
			expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, i === 0 ? 1 : 2]);
			Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
		});
		room.leave(client);
		return readNotes(doc);
	}

	test('each client opening the board gets every edit made before it opened, and nothing refused', async () => {
		const { room, noteUpdate } = await setup();
		const a = peer(alice);
		room.join(a);
		expect(await openBoard(room)).toEqual([]);
		await room.receive(a, noteUpdate('alice', 'première'));
		expect((await openBoard(room)).map((n) => n.text)).toEqual(['première']);
		await room.receive(a, noteUpdate('alice', 'seconde'));
		expect((await openBoard(room)).map((n) => n.text).sort()).toEqual(['première', 'seconde']);
		const mallory = peer({ role: 'participant', participantId: 'mallory' });
		room.join(mallory);
		await room.receive(mallory, noteUpdate('alice', 'usurpée'));
		expect(mallory.closed?.code).toBe(CloseCode.refused);
		expect((await openBoard(room)).map((n) => n.text).sort()).toEqual(['première', 'seconde']);
	});

	test('an update built on edits the server has not seen yet is dropped, not refused; the catch-up brings both', async () => {
		const { room, stored } = await setup();
		const a = peer(alice);
		room.join(a);
		// A client that typed while disconnected: its first keystroke after reconnecting depends on the earlier ones.
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
		const serverState = Y.encodeStateVector(client);
		addNote(client, { axisId: 'lieux', authorId: 'alice', text: 'hors ligne' });
		const beforeKeystroke = Y.encodeStateVector(client);
		const note = readNotes(client)[0];
		client.transact(() => (client.getMap('notes').get(note.id) as Y.Map<Y.Text>).get('text')!.insert(10, ' !'));
		await room.receive(a, encodeUpdate(Y.encodeStateAsUpdate(client, beforeKeystroke)));
		expect(a.closed).toBeNull();
		expect(await stored()).toEqual([]);
		// Its answer to the server's sync step 1: everything after the server's state.
		await room.receive(a, encodeUpdate(Y.encodeStateAsUpdate(client, serverState)));
		expect(a.closed).toBeNull();
		expect((await stored()).map((n) => n.text)).toEqual(['hors ligne !']);
	});

	test('a new peer is sent the server state vector first', async () => {
		const { room } = await setup();
		const a = peer(alice);
		room.join(a);
		expect(a.received[0]).toEqual(encodeSyncStep1(room.doc));
	});

	test('disk full: the update is not broadcast, the writer is told, nothing stored is damaged, writing resumes', async () => {
		const { db, room, noteUpdate, stored } = await setup();
		const a = peer(alice);
		const b = peer({ role: 'participant', participantId: 'bob' });
		room.join(a);
		room.join(b);
		await room.receive(a, noteUpdate('alice', 'kept'));
		b.received.length = 0;
		const [{ page_count: pages }] = await db.rows<{ page_count: number }>('PRAGMA page_count');
		await db.rows(`PRAGMA max_page_count = ${pages}`);
		// Twenty long notes in one update: more than the free space left in the file's pages.
		await room.receive(a, noteUpdate('alice', 'x'.repeat(1900), 20));
		expect(a.closed?.code).toBe(CloseCode.storageFull);
		expect(b.received).toHaveLength(0);
		expect((await stored()).map((n) => n.text)).toEqual(['kept']);
		await db.rows('PRAGMA max_page_count = 1073741823');
		const again = peer(alice);
		room.join(again);
		await room.receive(again, noteUpdate('alice', 'x'.repeat(1900), 20));
		expect(again.closed).toBeNull();
		expect(await stored()).toHaveLength(21);
	});

	test('awareness: a peer cannot speak for another peer’s id, and an echo does not close it', async () => {
		const { room } = await setup();
		const a = peer(alice);
		const b = peer({ role: 'participant', participantId: 'bob' });
		const screen = peer({ role: 'projector', participantId: null });
		room.join(a);
		room.join(b);
		room.join(screen);
		/** An awareness frame from client 7 with this state. */
		const frame = (state: Record<string, unknown>, clock: number) => {
			const doc = new Y.Doc();
			doc.clientID = 7;
			const awareness = new awarenessProtocol.Awareness(doc);
			for (let i = 0; i < clock; i++) awareness.setLocalState({ ...state, i });
			return encodeAwareness(awareness, [7]);
		};
		/** The last awareness state of client 7 a peer was sent. */
		const seen = (p: TestPeer) => {
			const remote = new awarenessProtocol.Awareness(new Y.Doc());
			for (const data of p.received) {
				const decoder = decoding.createDecoder(data);
				if (decoding.readVarUint(decoder) === 1) awarenessProtocol.applyAwarenessUpdate(remote, decoding.readVarUint8Array(decoder), null);
			}
			return remote.getStates().get(7);
		};
		await room.receive(a, frame({ name: 'Alice', done: 1 }, 1));
		// Presence goes out in batches (presence.ts): send this one now.
		room.flushAwareness();
		expect(seen(b)).toMatchObject({ name: 'Alice', done: 1 });
		// bob echoes alice's state (as the stock client does), then tries to overwrite it.
		await room.receive(b, frame({ name: 'Alice', done: 1 }, 1));
		await room.receive(b, frame({ name: 'Mallory' }, 5));
		room.flushAwareness();
		expect(b.closed).toBeNull();
		expect(seen(screen)).toMatchObject({ name: 'Alice', done: 1 });
		// When alice leaves, her state goes for everyone.
		room.leave(a);
		room.flushAwareness();
		expect(seen(b)).toBeUndefined();
	});
});

describe('room awareness', () => {
	/** An awareness frame in which `clientId` says it is `name`. */
	function presenceFrame(clientId: number, name: string, clock: number): Uint8Array {
		const doc = new Y.Doc();
		doc.clientID = clientId;
		const awareness = new awarenessProtocol.Awareness(doc);
		for (let i = 0; i < clock; i++) awareness.setLocalStateField('user', { name });
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]));
		return encoding.toUint8Array(e);
	}

	test("a stock client echoing someone else's presence stays connected, and cannot rename them", async () => {
		const { room } = await setup();
		const a = peer(alice);
		const b = peer({ role: 'participant', participantId: 'bob' });
		room.join(a);
		room.join(b);
		await room.receive(a, presenceFrame(101, 'Alice', 1));
		await room.receive(b, presenceFrame(202, 'Bob', 1));
		// Bob's browser relays Alice's id with a newer clock and another name.
		await room.receive(b, presenceFrame(101, 'Mallory', 5));
		room.flushAwareness();
		expect(b.closed).toBeNull();
		expect(a.closed).toBeNull();
		const lastToB = b.received.length;
		await room.receive(a, presenceFrame(101, 'Alice', 6));
		room.flushAwareness();
		expect(b.received.length).toBeGreaterThan(lastToB);
		const heard = [...a.received, ...b.received].map((frame) => new TextDecoder().decode(frame));
		expect(heard.some((text) => text.includes('Alice'))).toBe(true);
		expect(heard.some((text) => text.includes('Mallory'))).toBe(false);
	});
});
