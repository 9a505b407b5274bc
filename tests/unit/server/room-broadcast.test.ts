/**
 * A large room merges the updates committed within its window and sends each
 * peer one message per window (room-broadcast.ts); a small room sends each
 * update at once. Either way a peer ends up with exactly the updates
 * committed while it was in the room, minus its own.
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { addNote, readNotes } from '../../../src/lib/board/doc';
import { RoomBroadcast, WRITES_PER_SECOND, type BroadcastPeer } from '../../../server/sync/room-broadcast';

interface TestPeer extends BroadcastPeer {
	name: string;
	received: Uint8Array[];
}

function peers(n: number): TestPeer[] {
	return Array.from({ length: n }, (_, i) => {
		const p: TestPeer = { name: `p${i}`, received: [], send: (data) => p.received.push(data) };
		return p;
	});
}

/** The notes' texts a peer holds after applying every update message it received onto what it had (`had`). */
function textsOf(p: TestPeer, had?: Y.Doc): string[] {
	const doc = new Y.Doc();
	if (had) Y.applyUpdate(doc, Y.encodeStateAsUpdate(had));
	for (const message of p.received) {
		const decoder = decoding.createDecoder(message);
		expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 2]);
		Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
	}
	return readNotes(doc).map((n) => n.text).sort();
}

/** One author's document: `note` adds a note and returns the update (as the room commits it). */
function author() {
	const doc = new Y.Doc();
	const note = (text: string) => {
		const before = Y.encodeStateVector(doc);
		addNote(doc, { axisId: 'lieux', authorId: 'a', text });
		return Y.encodeStateAsUpdate(doc, before);
	};
	return Object.assign(note, { doc });
}

function room(n: number) {
	const set = new Set<TestPeer>();
	const broadcast = new RoomBroadcast(set);
	const all = peers(n);
	for (const p of all) {
		set.add(p);
		broadcast.joined(p);
	}
	return { set, broadcast, all };
}

describe('room broadcast', () => {
	test('a workshop-sized room sends every update at once, to everyone but its writer', () => {
		const { broadcast, all } = room(30);
		const one = author();
		const two = author();
		broadcast.send(one('une'), all[0]);
		broadcast.send(two('deux'), all[1]);
		expect(all[2].received).toHaveLength(2);
		expect(all[0].received).toHaveLength(1);
		expect(textsOf(all[2])).toEqual(['deux', 'une']);
		expect(textsOf(all[0], one.doc)).toEqual(['deux', 'une']);
		expect(all[0].received).toHaveLength(1);
		broadcast.destroy();
	});

	test('a plenary room sends the first update at once, then one merged message per window', () => {
		const { broadcast, all } = room(1200);
		expect(broadcast.windowMs()).toBe((1000 * 1200) / WRITES_PER_SECOND);
		const mine = author();
		const hall = author();
		const writer = all[0];
		broadcast.send(mine('n0'), writer);
		expect(all[1].received).toHaveLength(1);
		expect(writer.received).toHaveLength(0);
		// A burst: 99 more notes within the window, every other one by the writer.
		for (let i = 1; i < 100; i++) broadcast.send(i % 2 === 0 ? mine(`n${i}`) : hall(`n${i}`), i % 2 === 0 ? writer : null);
		expect(all[1].received).toHaveLength(1);
		broadcast.flush();
		expect(all[1].received).toHaveLength(2);
		expect(textsOf(all[1])).toHaveLength(100);
		// The writer gets one message with the hall's 50 notes, and none of its own (it has them).
		expect(writer.received).toHaveLength(1);
		expect(textsOf(writer)).toHaveLength(50);
		expect(textsOf(writer, mine.doc)).toHaveLength(100);
		broadcast.destroy();
	});

	test('the window ends by itself: what waits is sent without anyone asking', async () => {
		const { broadcast, all } = room(1200);
		const note = author();
		broadcast.send(note('n0'), null);
		broadcast.send(note('n1'), null);
		expect(all[5].received).toHaveLength(1);
		await new Promise((resolve) => setTimeout(resolve, broadcast.windowMs() + 50));
		expect(textsOf(all[5])).toEqual(['n0', 'n1']);
		broadcast.destroy();
	});

	test('a peer that joins during a window gets only what was committed after it joined (the rest came with its sync step 2)', () => {
		const { set, broadcast, all } = room(1200);
		const note = author();
		broadcast.send(note('avant'), null);
		broadcast.send(note('pendant, avant lui'), null);
		// What its sync step 2 brings it: the document as it is when it joins.
		const joinedWith = new Y.Doc();
		Y.applyUpdate(joinedWith, Y.encodeStateAsUpdate(note.doc));
		const late = peers(1)[0];
		set.add(late);
		broadcast.joined(late);
		broadcast.send(note('après lui'), null);
		broadcast.flush();
		expect(late.received).toHaveLength(1);
		expect(textsOf(late, joinedWith)).toEqual(['après lui', 'avant', 'pendant, avant lui'].sort());
		const bytes = new TextDecoder().decode(late.received[0]);
		expect(bytes).toContain('après lui');
		expect(bytes).not.toContain('pendant');
		expect(textsOf(all[3])).toEqual(['après lui', 'avant', 'pendant, avant lui'].sort());
		broadcast.destroy();
	});

	test('a room that shrinks below the window sends what waited before the next update', () => {
		const { set, broadcast, all } = room(1200);
		const note = author();
		broadcast.send(note('a'), null);
		broadcast.send(note('b'), null);
		for (const p of all.slice(10)) {
			set.delete(p);
			broadcast.left(p);
		}
		broadcast.send(note('c'), null);
		expect(all[0].received).toHaveLength(3);
		expect(textsOf(all[0])).toEqual(['a', 'b', 'c']);
		broadcast.destroy();
	});
});
