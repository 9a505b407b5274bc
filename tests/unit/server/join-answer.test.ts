/**
 * The answer to a client opening the board (join-answer.ts): encoded once and
 * kept across changes that only add, encoded afresh after a deletion (so a
 * deleted or withheld note's text is not in it).
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { addNote, notesOf, readNotes } from '../../../src/lib/board/doc';
import { JoinAnswer, MAX_TAIL_UPDATES } from '../../../server/sync/join-answer';

/** A server document whose changes feed a JoinAnswer, as Room does. */
function serverDoc() {
	const doc = new Y.Doc();
	const answer = new JoinAnswer();
	answer.reset(null);
	doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => answer.changed(update, tr.deleteSet.clients.size > 0));
	return { doc, answer };
}

/** What a fresh client holds after the answer. */
function clientOf(messages: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	messages.forEach((message, i) => {
		const decoder = decoding.createDecoder(message);
		expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, i === 0 ? 1 : 2]);
		Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
	});
	return doc;
}

const texts = (doc: Y.Doc) => readNotes(doc).map((n) => n.text).sort();

describe('join answer', () => {
	test('the whole state is encoded once; notes added since follow it as one update', () => {
		const { doc, answer } = serverDoc();
		addNote(doc, { axisId: 'lieux', authorId: 'a', text: 'première' });
		const first = answer.messages(doc);
		expect(first).toHaveLength(1);
		addNote(doc, { axisId: 'lieux', authorId: 'a', text: 'deuxième' });
		addNote(doc, { axisId: 'lieux', authorId: 'a', text: 'troisième' });
		const second = answer.messages(doc);
		expect(second).toHaveLength(2);
		expect(second[0]).toBe(first[0]);
		expect(answer.messages(doc)[1]).toBe(second[1]);
		expect(texts(clientOf(second))).toEqual(['deuxième', 'première', 'troisième']);
	});

	test('after a deletion the state is encoded afresh, without the deleted text', () => {
		const { doc, answer } = serverDoc();
		const id = addNote(doc, { axisId: 'lieux', authorId: 'a', text: 'à retirer' });
		addNote(doc, { axisId: 'lieux', authorId: 'a', text: 'gardée' });
		const before = answer.messages(doc);
		notesOf(doc).delete(id);
		const after = answer.messages(doc);
		expect(after).toHaveLength(1);
		expect(after[0]).not.toBe(before[0]);
		expect(new TextDecoder().decode(after[0])).not.toContain('à retirer');
		expect(texts(clientOf(after))).toEqual(['gardée']);
	});

	test('a long tail is folded into a fresh state', () => {
		const { doc, answer } = serverDoc();
		const first = answer.messages(doc);
		for (let i = 0; i <= MAX_TAIL_UPDATES; i++) addNote(doc, { axisId: 'lieux', authorId: 'a', text: `n${i}` });
		const now = answer.messages(doc);
		expect(now[0]).not.toBe(first[0]);
		expect(readNotes(clientOf(now))).toHaveLength(MAX_TAIL_UPDATES + 1);
	});
});
