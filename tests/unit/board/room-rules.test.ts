/** The room without devices: notes written "au nom de la salle" and hands raised, as the server enforces them (validate.ts). */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { addNote, allVotes, initBoard, moveNote, notesOf, readNotes, setRoomVotes, totalVotes, vote } from '../../../src/lib/board/doc';
import { DEFAULT_SESSION, type Phase } from '../../../src/lib/board/session';
import { Violation, type Writer } from '../../../src/lib/board/validate';
import { TEMPLATE_AXES } from '../../../src/lib/shared/templates';
import { checkChange } from '../../helpers/check-change';

const bob: Writer = { role: 'participant', participantId: 'bob' };
const facilitator: Writer = { role: 'facilitator', participantId: 'fac' };

/** A board with a room note and a participant's note; `check` runs a client's change against it in `phase`. */
function setup() {
	const server = new Y.Doc();
	initBoard(server, { title: 'Atelier', axes: TEMPLATE_AXES.nec });
	const roomId = addNote(server, { axisId: 'lieux', authorId: 'fac', text: 'Un café numérique', room: true });
	const bobsId = addNote(server, { axisId: 'lieux', authorId: 'bob', text: 'Fablab' });
	const check = (writer: Writer, phase: Phase, change: (client: Y.Doc) => void) =>
		checkChange(server, writer, change, { session: { ...DEFAULT_SESSION, phase } });
	return { server, roomId, bobsId, check };
}

const setField = (id: string, key: string, value: unknown) => (d: Y.Doc) => notesOf(d).get(id)?.set(key, value);

describe('notes for the room', () => {
	test('a facilitator may write a note for the room; a participant may not', () => {
		const { check } = setup();
		const roomNote = (authorId: string) => (d: Y.Doc) => addNote(d, { axisId: 'communs', authorId, text: 'Dit à voix haute', room: true });
		expect(check(facilitator, 'collect', roomNote('fac'))).toBeNull();
		expect(check(bob, 'collect', roomNote('bob'))).toBe(Violation.immutableField);
	});

	test('the room mark is read back and never changes after creation', () => {
		const { server, roomId, bobsId, check } = setup();
		expect(readNotes(server).find((n) => n.id === roomId)?.room).toBe(true);
		expect(readNotes(server).find((n) => n.id === bobsId)?.room).toBeUndefined();
		expect(check(facilitator, 'collect', setField(bobsId, 'room', true))).toBe(Violation.immutableField);
		expect(check(facilitator, 'collect', (d) => notesOf(d).get(roomId)?.delete('room'))).toBe(Violation.immutableField);
		const badMark = (d: Y.Doc) => setField(addNote(d, { axisId: 'lieux', authorId: 'fac', text: 'x' }), 'room', 'yes')(d);
		expect(check(facilitator, 'collect', badMark)).toBe(Violation.badNote);
	});

	test('participants still move a room note when the phase allows it', () => {
		const { roomId, check } = setup();
		expect(check(bob, 'collect', (d) => moveNote(d, roomId, 'communs'))).toBeNull();
	});
});

describe('hands raised in the room', () => {
	test('a facilitator records a count from 0 to 500; nobody else may', () => {
		const { roomId, bobsId, check } = setup();
		expect(check(facilitator, 'vote', (d) => setRoomVotes(d, roomId, 12))).toBeNull();
		expect(check(facilitator, 'vote', (d) => setRoomVotes(d, bobsId, 500))).toBeNull();
		expect(check(facilitator, 'vote', setField(roomId, 'roomVotes', 501))).toBe(Violation.badVote);
		expect(check(facilitator, 'vote', setField(roomId, 'roomVotes', -1))).toBe(Violation.badVote);
		expect(check(facilitator, 'vote', setField(roomId, 'roomVotes', 2.5))).toBe(Violation.badVote);
		expect(check(bob, 'vote', (d) => setRoomVotes(d, roomId, 3))).toBe(Violation.immutableField);
	});

	test('not once the session is closed', () => {
		const { roomId, check } = setup();
		expect(check(facilitator, 'closed', (d) => setRoomVotes(d, roomId, 3))).toBe(Violation.closed);
	});

	test('a participant votes on a note that has room votes', () => {
		const { server, roomId, check } = setup();
		setRoomVotes(server, roomId, 4);
		expect(check(bob, 'vote', (d) => vote(d, roomId, 'bob', 1))).toBeNull();
	});

	test('online votes and raised hands are counted apart and summed in results', () => {
		const { server, roomId } = setup();
		vote(server, roomId, 'bob', 1);
		setRoomVotes(server, roomId, 7);
		const note = readNotes(server).find((n) => n.id === roomId)!;
		expect(totalVotes(note)).toBe(1);
		expect(note.roomVotes).toBe(7);
		expect(allVotes(note)).toBe(8);
		setRoomVotes(server, roomId, 0);
		expect(readNotes(server).find((n) => n.id === roomId)?.roomVotes).toBeUndefined();
	});
});
