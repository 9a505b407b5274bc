/** The phase rules (phases.ts) as the server enforces them on board updates (validate.ts). */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	addGroup, addNote, deleteNote, ensureRoots, groupsOf, hideNote, initBoard, moveGroup, noteText, renameGroup, setNoteColor,
	setNoteGroup, vote
} from '../../../src/lib/board/doc';
import { DEFAULT_SESSION, type Phase, type SessionState } from '../../../src/lib/board/session';
import { writesPrivately } from '../../../src/lib/board/phases';
import { checkTransaction, Violation, type CheckContext, type Writer } from '../../../src/lib/board/validate';
import { TEMPLATE_AXES } from '../../../src/lib/shared/templates';
import { checkChange } from '../../helpers/check-change';

const alice: Writer = { role: 'participant', participantId: 'alice' };
const bob: Writer = { role: 'participant', participantId: 'bob' };
const facilitator: Writer = { role: 'facilitator', participantId: 'fac' };
const organiser: Writer = { role: 'organiser', participantId: 'org' };

function session(phase: Phase, more: Partial<SessionState> = {}): SessionState {
	return { ...DEFAULT_SESSION, phase, ...more };
}

/** A board with one note by alice (with bob's vote on it) and one group; `check` runs a client's change against it. */
function setup() {
	const server = new Y.Doc();
	initBoard(server, { title: 'Atelier', axes: TEMPLATE_AXES.nec });
	const noteId = addNote(server, { axisId: 'lieux', authorId: 'alice', text: 'Médiathèque' });
	const otherId = addNote(server, { axisId: 'lieux', authorId: 'alice', text: 'Fablab' });
	const groupId = addGroup(server, { axisId: 'lieux', title: 'Tiers-lieux' });
	const check = (writer: Writer, context: CheckContext, change: (client: Y.Doc) => void) => checkChange(server, writer, change, context);
	return { server, noteId, otherId, groupId, check };
}

const newNote = (authorId: string) => (d: Y.Doc) => addNote(d, { axisId: 'donnees', authorId, text: 'Open data' });

describe('phase rules', () => {
	test('participants add notes in Collect only', () => {
		const { check } = setup();
		expect(check(bob, { session: session('collect') }, newNote('bob'))).toBeNull();
		for (const phase of ['group', 'vote', 'synthesis'] as const) {
			expect(check(bob, { session: session(phase) }, newNote('bob'))).toBe(Violation.wrongPhase);
		}
		expect(check(facilitator, { session: session('vote') }, newNote('fac'))).toBeNull();
	});

	test('participants vote in Vote only', () => {
		const { noteId, check } = setup();
		const cast = (d: Y.Doc) => vote(d, noteId, 'bob', 1);
		expect(check(bob, { session: session('vote') }, cast)).toBeNull();
		expect(check(bob, { session: session('collect') }, cast)).toBe(Violation.wrongPhase);
		expect(check(bob, { session: session('synthesis') }, cast)).toBe(Violation.wrongPhase);
	});

	test('participants edit text in Collect and Group, not in Vote', () => {
		const { noteId, check } = setup();
		const type = (d: Y.Doc) => noteText(d, noteId)!.insert(0, '+ ');
		expect(check(bob, { session: session('collect') }, type)).toBeNull();
		expect(check(bob, { session: session('group') }, type)).toBeNull();
		expect(check(bob, { session: session('vote') }, type)).toBe(Violation.wrongPhase);
		expect(check(bob, { session: session('vote') }, (d) => setNoteColor(d, noteId, 'pink'))).toBe(Violation.wrongPhase);
	});

	test('participants delete their own notes only while they may edit', () => {
		const { noteId, check } = setup();
		const del = (d: Y.Doc) => deleteNote(d, noteId);
		expect(check(alice, { session: session('collect') }, del)).toBeNull();
		expect(check(alice, { session: session('vote') }, del)).toBe(Violation.wrongPhase);
	});

	test('grouping happens in Group only, for participants', () => {
		const { noteId, groupId, check } = setup();
		const ctx = (phase: Phase) => ({ session: session(phase) });
		expect(check(bob, ctx('group'), (d) => setNoteGroup(d, noteId, groupId))).toBeNull();
		expect(check(bob, ctx('group'), (d) => addGroup(d, { axisId: 'communs', title: 'Licences' }))).toBeNull();
		expect(check(bob, ctx('group'), (d) => renameGroup(d, groupId, 'Lieux hybrides'))).toBeNull();
		expect(check(bob, ctx('collect'), (d) => setNoteGroup(d, noteId, groupId))).toBe(Violation.wrongPhase);
		expect(check(bob, ctx('collect'), (d) => addGroup(d, { axisId: 'lieux', title: 'x' }))).toBe(Violation.wrongPhase);
		expect(check(bob, ctx('vote'), (d) => renameGroup(d, groupId, 'x'))).toBe(Violation.wrongPhase);
		expect(check(facilitator, ctx('vote'), (d) => renameGroup(d, groupId, 'Lieux'))).toBeNull();
	});

	test('moving a group moves its notes, and is allowed in Group', () => {
		const { server, noteId, groupId, check } = setup();
		setNoteGroup(server, noteId, groupId);
		expect(check(bob, { session: session('group') }, (d) => moveGroup(d, groupId, 'communs'))).toBeNull();
		expect(check(bob, { session: session('vote') }, (d) => moveGroup(d, groupId, 'communs'))).toBe(Violation.wrongPhase);
	});

	test('groups are checked: known axis, string title, no extra fields', () => {
		const { groupId, check } = setup();
		const ctx = { session: session('group') };
		expect(check(bob, ctx, (d) => addGroup(d, { axisId: 'nowhere', title: 'x' }))).toBe(Violation.unknownAxis);
		expect(check(bob, ctx, (d) => renameGroup(d, groupId, 'x'.repeat(500)))).toBe(Violation.badGroup);
		expect(check(bob, ctx, (d) => groupsOf(d).get(groupId)!.set('evil', 1))).toBe(Violation.immutableField);
		expect(check(bob, ctx, (d) => d.getMap('groups').set('g1', new Y.Map()))).toBe(Violation.badGroup);
	});

	test('a locked board is read-only for participants, not for facilitators', () => {
		const { noteId, check } = setup();
		const locked = { session: session('collect', { locked: true }) };
		expect(check(bob, locked, newNote('bob'))).toBe(Violation.locked);
		expect(check(alice, locked, (d) => noteText(d, noteId)!.insert(0, 'x'))).toBe(Violation.locked);
		expect(check(facilitator, locked, newNote('fac'))).toBeNull();
	});

	test('a closed session is read-only for everyone but organisers', () => {
		const { noteId, check } = setup();
		const closed = { session: session('closed') };
		expect(check(alice, closed, (d) => noteText(d, noteId)!.insert(0, 'x'))).toBe(Violation.closed);
		expect(check(facilitator, closed, (d) => hideNote(d, noteId))).toBe(Violation.closed);
		expect(check(facilitator, closed, newNote('fac'))).toBe(Violation.closed);
		expect(check(organiser, closed, newNote('org'))).toBeNull();
	});

	test('facilitators moderate (hide, delete any note) in every open phase', () => {
		const { noteId, check } = setup();
		expect(check(facilitator, { session: session('vote') }, (d) => hideNote(d, noteId))).toBeNull();
		expect(check(facilitator, { session: session('synthesis') }, (d) => deleteNote(d, noteId))).toBeNull();
		expect(check(bob, { session: session('collect') }, (d) => hideNote(d, noteId))).toBe(Violation.immutableField);
	});

	test('during private writing, participants add notes to their private document, not the board', () => {
		const { check } = setup();
		const on = session('collect', { privateWriting: true });
		expect(check(bob, { session: on }, newNote('bob'))).toBe(Violation.privateWriting);
		expect(check(facilitator, { session: on }, newNote('fac'))).toBeNull();
		const privateCtx = (s: SessionState): CheckContext => ({ session: s, target: 'private', axes: ['lieux', 'donnees'] });
		const priv = () => {
			const doc = new Y.Doc();
			ensureRoots(doc);
			let result: Violation | null = null;
			doc.on('afterTransaction', (tr: Y.Transaction) => (result = checkTransaction(tr, bob, privateCtx(on))));
			addNote(doc, { axisId: 'donnees', authorId: 'bob', text: 'secret' });
			return result;
		};
		expect(priv()).toBeNull();
		const off = new Y.Doc();
		ensureRoots(off);
		let refused: Violation | null = null;
		off.on('afterTransaction', (tr: Y.Transaction) => (refused = checkTransaction(tr, bob, privateCtx(session('collect')))));
		addNote(off, { axisId: 'donnees', authorId: 'bob' });
		expect(refused).toBe(Violation.privateWritingOff);
	});

	test('with pre-moderation, participants write privately in any phase; facilitators straight to the board', () => {
		for (const phase of ['collect', 'group'] as const) {
			expect(writesPrivately('participant', session(phase, { premoderation: true }))).toBe(true);
			expect(writesPrivately('facilitator', session(phase, { premoderation: true }))).toBe(false);
		}
		expect(writesPrivately('participant', session('group', { privateWriting: true }))).toBe(false);
		const { check } = setup();
		expect(check(bob, { session: session('collect', { premoderation: true }) }, newNote('bob'))).toBe(Violation.privateWriting);
		expect(check(facilitator, { session: session('collect', { premoderation: true }) }, newNote('fac'))).toBeNull();
	});
});

describe('vote budget', () => {
	test('a participant may not cast more votes than the budget, across notes', () => {
		const { server, noteId, otherId, check } = setup();
		const ctx = { session: session('vote', { voteBudget: 2, maxVotesPerNote: 1 }) };
		vote(server, noteId, 'bob', 1);
		expect(check(bob, ctx, (d) => vote(d, otherId, 'bob', 1))).toBeNull();
		vote(server, otherId, 'bob', 1);
		const third = addNote(server, { axisId: 'communs', authorId: 'alice', text: 'Wiki' });
		expect(check(bob, ctx, (d) => vote(d, third, 'bob', 1))).toBe(Violation.voteBudget);
		// Others' votes do not count against bob's budget.
		expect(check(alice, ctx, (d) => vote(d, third, 'alice', 1))).toBeNull();
	});

	test('votes per note are capped by maxVotesPerNote', () => {
		const { server, noteId, check } = setup();
		vote(server, noteId, 'bob', 1);
		expect(check(bob, { session: session('vote', { maxVotesPerNote: 1 }) }, (d) => vote(d, noteId, 'bob', 1))).toBe(
			Violation.votesPerNote
		);
		expect(check(bob, { session: session('vote', { maxVotesPerNote: 3 }) }, (d) => vote(d, noteId, 'bob', 1))).toBeNull();
	});

	test('withdrawing a vote stays possible after the budget is lowered', () => {
		const { server, noteId, otherId, check } = setup();
		vote(server, noteId, 'bob', 1);
		vote(server, otherId, 'bob', 1);
		const ctx = { session: session('vote', { voteBudget: 1 }) };
		expect(check(bob, ctx, (d) => vote(d, noteId, 'bob', -1))).toBeNull();
	});
});
