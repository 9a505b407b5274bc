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
