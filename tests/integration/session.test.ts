/**
 * The session document and the rules it drives, through real websockets and
 * stock y-websocket clients: who may write it, lock, vote budget.
 */
import { describe, expect, test } from 'vitest';
import { addNote, readNotes, vote, votesCastBy } from '../../src/lib/board/doc';
import { readSession, setPhase, setSessionField } from '../../src/lib/board/session';
import { planSteps, readAgenda, setSteps, startStep } from '../../src/lib/board/agenda';
import { CloseCode } from '../../src/lib/shared/errors';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { SESSION_DOC } from '../../server/sync/persistence';
import { startServer, waitFor } from '../helpers/sync-clients';

describe('session document', () => {
	test('every role reads it; a participant writing it is closed and nothing changes', async () => {
		const { app, board, connect } = await startServer();
		const facilitator = await connect('facilitator', 'session');
		const screen = await connect('projector', 'session');
		const participant = await connect('participant', 'session');
		setSessionField(facilitator.doc, 'voteBudget', 5);
		await waitFor(() => readSession(participant.doc).voteBudget === 5, 'the participant to read the budget');
		await waitFor(() => readSession(screen.doc).voteBudget === 5, 'the projector to read the budget');

		setPhase(participant.doc, 'closed');
		await waitFor(() => participant.closed() !== null, 'the participant to be closed');
		expect(participant.closed()).toEqual({ code: CloseCode.refused, reason: 'update_refused:session_forbidden' });
		const later = await connect('projector', 'session');
		expect(readSession(later.doc).phase).toBe('collect');
		expect(readSession(facilitator.doc).phase).toBe('collect');
		// Stored: the server's synthesis texts (made at load) and the budget; nothing of the participant's.
		expect(app.rooms.peek(board.id, SESSION_DOC)!.tailLength).toBe(2);
	});

	test('a projector writing it is dropped and counted, not stored', async () => {
		const { app, board, connect } = await startServer();
		const screen = await connect('projector', 'session');
		const room = app.rooms.peek(board.id, SESSION_DOC)!;
		expect(room.droppedUpdates).toBe(0);
		setSessionField(screen.doc, 'locked', true);
		await waitFor(() => room.droppedUpdates === 1, 'the update to be dropped');
		const later = await connect('facilitator', 'session');
		expect(readSession(later.doc).locked).toBe(false);
	});

	test('a bad value from a facilitator is refused', async () => {
		const { connect } = await startServer();
		const facilitator = await connect('facilitator', 'session');
		facilitator.doc.getMap('session').set('voteBudget', 1000);
		await waitFor(() => facilitator.closed() !== null, 'the facilitator to be closed');
		expect(facilitator.closed()!.reason).toBe('update_refused:bad_session');
	});
});

describe('rules the session drives on the board', () => {
	test('locked: a participant edit is refused and the board unchanged; awareness still flows', async () => {
		const { connect } = await startServer();
		const facilitator = await connect('facilitator', 'session');
		const bobKey = newKey();
		const bob = await connect('participant', '', bobKey);
		const alice = await connect('participant');
		setSessionField(facilitator.doc, 'locked', true);
		const bobSession = await connect('participant', 'session');
		await waitFor(() => readSession(bobSession.doc).locked, 'the lock to reach bob');

		alice.provider.awareness.setLocalStateField('done', 3);
		await waitFor(
			() => [...bob.provider.awareness.getStates().values()].some((s) => s.done === 3),
			'alice’s "done" to reach bob while locked'
		);
		addNote(bob.doc, { axisId: 'lieux', authorId: await participantIdOf(bobKey), text: 'pendant le verrou' });
		await waitFor(() => bob.closed() !== null, 'bob to be refused');
		expect(bob.closed()!.reason).toBe('update_refused:board_locked');
		expect(readNotes(alice.doc)).toEqual([]);

		setSessionField(facilitator.doc, 'locked', false);
		const bobAgain = await connect('participant', '', bobKey);
		await waitFor(() => !readSession(bobSession.doc).locked, 'the unlock');
		addNote(bobAgain.doc, { axisId: 'lieux', authorId: await participantIdOf(bobKey), text: 'après' });
		await waitFor(() => readNotes(alice.doc).length === 1, 'the note after unlock');
	});

	test('vote budget: a raw client trying to exceed it is refused and the board keeps the allowed votes', async () => {
		const { connect } = await startServer();
		const facilitator = await connect('facilitator', 'session');
		const facBoard = await connect('facilitator');
		const authorKey = newKey();
		const author = await connect('participant', '', authorKey);
		const authorId = await participantIdOf(authorKey);
		const ids = [1, 2, 3].map((i) => addNote(author.doc, { axisId: 'lieux', authorId, text: `idée ${i}` }));
		await waitFor(() => readNotes(facBoard.doc).length === 3, 'three notes');
		facilitator.doc.transact(() => {
			setPhase(facilitator.doc, 'vote');
			setSessionField(facilitator.doc, 'voteBudget', 2);
		});
		const voterKey = newKey();
		const voterId = await participantIdOf(voterKey);
		const voterSession = await connect('participant', 'session');
		await waitFor(() => readSession(voterSession.doc).phase === 'vote', 'the vote phase');

		const voter = await connect('participant', '', voterKey);
		vote(voter.doc, ids[0], voterId, 1);
		vote(voter.doc, ids[1], voterId, 1);
		await waitFor(() => votesCastBy(facBoard.doc, voterId) === 2, 'two votes');
		vote(voter.doc, ids[2], voterId, 1);
		await waitFor(() => voter.closed() !== null, 'the third vote to be refused');
		expect(voter.closed()!.reason).toBe('update_refused:vote_budget_exceeded');

		// A second dot on the same note is refused too (one per note by default).
		const again = await connect('participant', '', voterKey);
		vote(again.doc, ids[0], voterId, 1);
		await waitFor(() => again.closed() !== null, 'a second dot on one note to be refused');
		expect(again.closed()!.reason).toBe('update_refused:votes_per_note_exceeded');

		const fresh = await connect('projector');
		expect(votesCastBy(fresh.doc, voterId)).toBe(2);
		expect(readNotes(fresh.doc).find((n) => n.id === ids[2])!.votes).toEqual({});
	});

	test('no votes outside the Vote phase, no notes outside Collect', async () => {
		const { connect } = await startServer();
		const key = newKey();
		const id = await participantIdOf(key);
		const p = await connect('participant', '', key);
		const noteId = addNote(p.doc, { axisId: 'lieux', authorId: id, text: 'x' });
		const facilitator = await connect('facilitator', 'session');
		const watcher = await connect('projector');
		await waitFor(() => readNotes(watcher.doc).length === 1, 'the note');
		vote(p.doc, noteId, id, 1);
		await waitFor(() => p.closed() !== null, 'the vote in Collect to be refused');
		expect(p.closed()!.reason).toBe('update_refused:not_in_this_phase');

		setPhase(facilitator.doc, 'vote');
		const session = await connect('projector', 'session');
		await waitFor(() => readSession(session.doc).phase === 'vote', 'the vote phase');
		const p2 = await connect('participant', '', key);
		addNote(p2.doc, { axisId: 'lieux', authorId: id, text: 'trop tard' });
		await waitFor(() => p2.closed() !== null, 'a note in Vote to be refused');
		expect(p2.closed()!.reason).toBe('update_refused:not_in_this_phase');
		expect(readNotes(watcher.doc)).toHaveLength(1);
	});
});

describe('the planned run (agenda, issue 13)', () => {
	test('a participant writing the agenda is closed and nothing changes; a facilitator plans and starts steps', async () => {
		const { connect } = await startServer();
		const facilitator = await connect('facilitator', 'session');
		const participant = await connect('participant', 'session');
		expect(readAgenda(participant.doc).steps).toHaveLength(5);
		setSteps(participant.doc, []);
		await waitFor(() => participant.closed() !== null, 'the participant to be closed');
		expect(participant.closed()).toEqual({ code: CloseCode.refused, reason: 'update_refused:session_forbidden' });
		expect(readAgenda((await connect('projector', 'session')).doc).steps).toHaveLength(5);

		const [step] = planSteps([{ phase: 'vote', minutes: 3, instruction: 'Votez' }]);
		setSteps(facilitator.doc, [step]);
		startStep(facilitator.doc, step.id, Date.now());
		const screen = await connect('projector', 'session');
		await waitFor(() => readAgenda(screen.doc).current === step.id, 'the step to run');
		expect(readSession(screen.doc).phase).toBe('vote');
		expect(facilitator.closed()).toBeNull();
	});
});
