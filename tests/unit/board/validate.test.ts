import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	addNote, deleteNote, ensureRoots, initBoard, moveNote, noteText, notesOf, setTitle
} from '../../../src/lib/board/doc';
import { Violation, type Writer } from '../../../src/lib/board/validate';
import { LIMITS } from '../../../src/lib/shared/limits';
import { TEMPLATE_AXES } from '../../../src/lib/shared/templates';
import { checkChange } from '../../helpers/check-change';

const alice: Writer = { role: 'participant', participantId: 'alice' };
const bob: Writer = { role: 'participant', participantId: 'bob' };
const facilitator: Writer = { role: 'facilitator', participantId: 'fac' };
const organiser: Writer = { role: 'organiser', participantId: 'org' };
const projector: Writer = { role: 'projector', participantId: null };

/** A server doc with one note by alice, and a way to check a client's change against it. */
function setup() {
	const server = new Y.Doc();
	initBoard(server, { title: 'Atelier', axes: TEMPLATE_AXES.nec });
	const noteId = addNote(server, { axisId: 'lieux', authorId: 'alice', text: 'Médiathèque' });
	ensureRoots(server);
	const check = (writer: Writer, change: (client: Y.Doc) => void) => checkChange(server, writer, change);
	return { noteId, check };
}

describe('write rules', () => {
	test('a participant adds, types in, colours and moves their own note', () => {
		const { check } = setup();
		expect(check(bob, (d) => addNote(d, { axisId: 'donnees', authorId: 'bob', text: 'Open data' }))).toBeNull();
		const { noteId, check: check2 } = setup();
		expect(check2(bob, (d) => noteText(d, noteId)!.insert(0, 'Bob: '))).toBeNull();
		expect(check2(alice, (d) => moveNote(d, noteId, 'communs'))).toBeNull();
	});

	test('a note claiming another author is refused', () => {
		const { check } = setup();
		expect(check(bob, (d) => addNote(d, { axisId: 'lieux', authorId: 'alice' }))).toBe(Violation.notYourNote);
	});

	test('only the author deletes a note, or a facilitator', () => {
		const { noteId, check } = setup();
		expect(check(bob, (d) => deleteNote(d, noteId))).toBe(Violation.notYourNote);
		expect(check(alice, (d) => deleteNote(d, noteId))).toBeNull();
		expect(check(facilitator, (d) => deleteNote(d, noteId))).toBeNull();
	});

	test('a projector cannot write anything', () => {
		const { check } = setup();
		expect(check(projector, (d) => addNote(d, { axisId: 'lieux', authorId: 'x' }))).toBe(Violation.readOnly);
	});

	test('only organisers change the title and axes', () => {
		const { check } = setup();
		expect(check(alice, (d) => setTitle(d, 'Pirate'))).toBe(Violation.metaForbidden);
		expect(check(facilitator, (d) => setTitle(d, 'Autre'))).toBe(Violation.metaForbidden);
		expect(check(organiser, (d) => setTitle(d, 'Nouveau titre'))).toBeNull();
		expect(check(organiser, (d) => setTitle(d, 'x'.repeat(LIMITS.titleLength + 1)))).toBe(Violation.badMeta);
	});

	test('notes must sit on an existing axis', () => {
		const { noteId, check } = setup();
		expect(check(alice, (d) => addNote(d, { axisId: 'nowhere', authorId: 'alice' }))).toBe(Violation.unknownAxis);
		expect(check(alice, (d) => moveNote(d, noteId, 'nowhere'))).toBe(Violation.unknownAxis);
	});

	test('a note past the server limit is refused', () => {
		const { noteId, check } = setup();
		const long = 'x'.repeat(LIMITS.noteLengthMax);
		expect(check(alice, (d) => noteText(d, noteId)!.insert(0, long))).toBe(Violation.noteTooLong);
		expect(check(alice, (d) => addNote(d, { axisId: 'lieux', authorId: 'alice', text: long + 'x' }))).toBe(
			Violation.noteTooLong
		);
	});

	test("a note's author, id and creation time cannot be rewritten", () => {
		const { noteId, check } = setup();
		const rewrite = (key: string, value: unknown) => (d: Y.Doc) => notesOf(d).get(noteId)!.set(key, value);
		expect(check(alice, rewrite('authorId', 'bob'))).toBe(Violation.immutableField);
		expect(check(alice, rewrite('createdAt', 1))).toBe(Violation.immutableField);
		expect(check(alice, rewrite('text', new Y.Text('replaced')))).toBe(Violation.immutableField);
		expect(check(alice, rewrite('hidden', true))).toBe(Violation.immutableField);
		expect(check(facilitator, rewrite('hidden', true))).toBeNull();
	});

	test('votes are cast only in your own name', () => {
		const { noteId, check } = setup();
		const vote = (voter: string, n: unknown) => (d: Y.Doc) =>
			(notesOf(d).get(noteId)!.get('votes') as Y.Map<unknown>).set(voter, n);
		expect(check(bob, vote('bob', 1))).toBeNull();
		expect(check(bob, vote('alice', 1))).toBe(Violation.notYourVote);
		expect(check(bob, vote('bob', -3))).toBe(Violation.badVote);
	});

	test('unknown top-level types and note fields are refused', () => {
		const { noteId, check } = setup();
		expect(check(alice, (d) => d.getMap('evil').set('x', 1))).toBe(Violation.unknownType);
		expect(check(alice, (d) => notesOf(d).get(noteId)!.set('payload', 'x'))).toBe(Violation.immutableField);
		expect(check(alice, (d) => notesOf(d).set('junk', new Y.Map()))).toBe(Violation.badNote);
	});
});
