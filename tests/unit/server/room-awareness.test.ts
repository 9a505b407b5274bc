import { afterEach, describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import { LIMITS } from '../../../src/lib/shared/limits';
import { RENEW_WINDOW_MS, SUMMARY_CLIENT_ID } from '../../../src/lib/shared/presence';
import { RoomAwareness, type AwarenessPeer } from '../../../server/sync/room-awareness';

interface TestPeer extends AwarenessPeer {
	received: Uint8Array[];
}

function peer(person: string | null, seesEveryone = false): TestPeer {
	const p: TestPeer = { awarenessIds: new Set(), person, seesEveryone, received: [], send: (data) => p.received.push(data) };
	return p;
}

/** The awareness update a client `clientId` sends to say it is `name` (its `clock`-th state). */
function announce(clientId: number, name: string, clock = 1): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	const awareness = new awarenessProtocol.Awareness(doc);
	for (let i = 0; i < clock; i++) awareness.setLocalStateField('user', { name, i });
	const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientId]);
	awareness.destroy();
	return update;
}

/** Client ids whose entries a peer was sent, message by message. */
function heard(p: TestPeer): number[][] {
	return p.received.map((message) => {
		const decoder = decoding.createDecoder(message);
		decoding.readVarUint(decoder);
		const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
		const ids: number[] = [];
		for (let n = decoding.readVarUint(update); n > 0; n--) {
			ids.push(decoding.readVarUint(update));
			decoding.readVarUint(update);
			decoding.readVarString(update);
		}
		return ids;
	});
}

afterEach(() => vi.useRealTimers());

describe('room awareness: O(N) presence', () => {
	test('changes within one window reach each peer as one message, the same bytes for all', () => {
		vi.useFakeTimers();
		const peers = new Set<AwarenessPeer>();
		const awareness = new RoomAwareness(peers);
		const [a, b, c] = [peer('a'), peer('b'), peer('c')];
		for (const p of [a, b, c]) peers.add(p);
		awareness.apply(a, announce(11, 'A'));
		awareness.apply(b, announce(22, 'B'));
		awareness.apply(c, announce(33, 'C'));
		expect(c.received).toHaveLength(0);
		vi.advanceTimersByTime(300);
		expect(heard(c)).toEqual([[11, 22, 33]]);
		expect(a.received[0]).toBe(c.received[0]);
		awareness.destroy();
	});

	test('renewals of an unchanged state are merged over the long window', () => {
		vi.useFakeTimers();
		const peers = new Set<AwarenessPeer>();
		const awareness = new RoomAwareness(peers);
		const [a, b] = [peer('a'), peer('b')];
		peers.add(a).add(b);
		awareness.apply(a, announce(11, 'A', 1));
		vi.advanceTimersByTime(300);
		const before = b.received.length;
		// The same state again with a newer clock, as the stock client renews it every 15 s.
		const doc = new Y.Doc();
		doc.clientID = 11;
		const renewal = new awarenessProtocol.Awareness(doc);
		renewal.setLocalStateField('user', { name: 'A', i: 0 });
		renewal.setLocalStateField('user', { name: 'A', i: 0 });
		awareness.apply(a, awarenessProtocol.encodeAwarenessUpdate(renewal, [11]));
		vi.advanceTimersByTime(300);
		expect(b.received.length).toBe(before);
		vi.advanceTimersByTime(RENEW_WINDOW_MS);
		expect(heard(b).slice(before)).toEqual([[11]]);
		renewal.destroy();
		awareness.destroy();
	});

	test('on a plenary board participants get the count, facilitators every state', () => {
		vi.useFakeTimers();
		const peers = new Set<AwarenessPeer>();
		const awareness = new RoomAwareness(peers);
		const facilitator = peer('f', true);
		peers.add(facilitator);
		const phones = Array.from({ length: LIMITS.plenaryFrom + 10 }, (_, i) => peer(`p${i}`));
		for (const p of phones) peers.add(p);
		phones.forEach((p, i) => awareness.apply(p, announce(100 + i, `P${i}`)));
		vi.advanceTimersByTime(300);
		const last = phones[phones.length - 1];
		expect(heard(last).flat()).toEqual([SUMMARY_CLIENT_ID]);
		expect(new Set(heard(facilitator).flat()).size).toBe(phones.length);
		// Idle, the summary is renewed: a phone still hears from the server within y-websocket's 30 s.
		vi.advanceTimersByTime(RENEW_WINDOW_MS);
		expect(heard(last).flat()).toEqual([SUMMARY_CLIENT_ID, SUMMARY_CLIENT_ID]);
		// A phone that joins now is sent the summary, not 60 states.
		const late = peer('late');
		peers.add(late);
		const joined = awareness.states(late)!;
		late.send(joined);
		expect(heard(late)).toEqual([[SUMMARY_CLIENT_ID]]);
		awareness.destroy();
	});
});

/** The entries a peer was sent, decoded, in order (state null when an entry is removed). */
function entries(p: TestPeer): { id: number; state: unknown }[] {
	return p.received.flatMap((message) => {
		const decoder = decoding.createDecoder(message);
		decoding.readVarUint(decoder);
		const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
		const out: { id: number; state: unknown }[] = [];
		for (let n = decoding.readVarUint(update); n > 0; n--) {
			const id = decoding.readVarUint(update);
			decoding.readVarUint(update);
			out.push({ id, state: JSON.parse(decoding.readVarString(update)) });
		}
		return out;
	});
}

/** Two instances' rooms of one document, joined as the bus joins them: what one publishes, the other applies. */
function twoInstances() {
	const here = new Set<AwarenessPeer>();
	const there = new Set<AwarenessPeer>();
	const published = { a: 0, b: 0 };
	const a: RoomAwareness = new RoomAwareness(here, (update, present) => {
		published.a++;
		b.applyRemote('instance-a', update, present);
	});
	const b: RoomAwareness = new RoomAwareness(there, (update, present) => {
		published.b++;
		a.applyRemote('instance-b', update, present);
	});
	return { a, b, here, there, published, destroy: () => [a, b].forEach((r) => r.destroy()) };
}

describe('room awareness across instances', () => {
	test('each side sees who is on the other, leaving included; nothing is published back, echoes are ignored', () => {
		vi.useFakeTimers();
		const { a, b, here, there, published, destroy } = twoInstances();
		const [alice, bob] = [peer('alice'), peer('bob')];
		here.add(alice);
		there.add(bob);
		a.apply(alice, announce(11, 'Alice'));
		b.apply(bob, announce(22, 'Bob'));
		vi.advanceTimersByTime(600);
		expect(entries(bob).filter((e) => e.id === 11)).toEqual([{ id: 11, state: { user: { name: 'Alice', i: 0 } } }]);
		expect(entries(alice).some((e) => e.id === 22)).toBe(true);
		const settled = { ...published };
		// Bob's stock client sends Alice's entry back, as it does every change it receives: B ignores it.
		b.apply(bob, announce(11, 'Alice'));
		vi.advanceTimersByTime(600);
		expect(published).toEqual(settled);

		here.delete(alice);
		a.remove(alice);
		vi.advanceTimersByTime(600);
		expect(entries(bob).filter((e) => e.id === 11).at(-1)).toEqual({ id: 11, state: null });
		destroy();
	});

	test('a plenary spread over two instances: participants get the count of both, never a name from the other side', () => {
		vi.useFakeTimers();
		const { a, b, here, there, destroy } = twoInstances();
		const half = Math.ceil(LIMITS.plenaryFrom / 2) + 5;
		const onA = Array.from({ length: half }, (_, i) => peer(`a${i}`));
		const onB = Array.from({ length: half }, (_, i) => peer(`b${i}`));
		const facilitator = peer('f', true);
		for (const p of onA) here.add(p);
		for (const p of onB) there.add(p);
		there.add(facilitator);
		onA.forEach((p, i) => a.apply(p, announce(1000 + i, `A${i}`)));
		onB.forEach((p, i) => b.apply(p, announce(2000 + i, `B${i}`)));
		vi.advanceTimersByTime(3_000);
		// Neither side alone is a plenary; together they are (the facilitator is present too).
		const phone = onB[0];
		const counts = entries(phone).filter((e) => e.id === SUMMARY_CLIENT_ID);
		expect(counts.at(-1)).toEqual({ id: SUMMARY_CLIENT_ID, state: { present: 2 * half + 1 } });
		expect(entries(onA[0]).filter((e) => e.id === SUMMARY_CLIENT_ID).at(-1)).toEqual({ id: SUMMARY_CLIENT_ID, state: { present: 2 * half + 1 } });
		expect(entries(phone).some((e) => e.id >= 1000 && e.id < 2000)).toBe(false);
		expect(new Set(entries(facilitator).map((e) => e.id).filter((id) => id >= 1000 && id < 2000)).size).toBe(half);
		destroy();
	});
});
