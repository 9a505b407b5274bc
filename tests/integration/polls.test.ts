/**
 * Quick polls through real websockets and stock y-websocket clients: the
 * server enforces one answer per participant, the poll's closing, and that
 * only facilitators define polls; a projector cannot answer.
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { answerPoll, answersOf, createPoll, readAnswers, readPolls, setPollOpen, tally, type Answer } from '../../src/lib/board/polls';
import { setSessionField } from '../../src/lib/board/session';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { startServer, waitFor } from '../helpers/sync-clients';

async function withPoll(kind: 'single' | 'word' = 'single') {
	const server = await startServer();
	const facilitator = await server.connect('facilitator', 'session');
	const pollId = createPoll(facilitator.doc, { kind, question: 'Où travaillez-vous ?', options: kind === 'single' ? ['Bibliothèque', 'Tiers-lieu', 'Mairie'] : [] });
	const observer = await server.connect('facilitator');
	const observerSession = await server.connect('projector', 'session');
	await waitFor(() => readPolls(observerSession.doc).length === 1, 'the poll to reach the room');
	return { ...server, facilitator, pollId, observer };
}

async function participant(connect: Awaited<ReturnType<typeof startServer>>['connect']) {
	const key = newKey();
	const client = await connect('participant', '', key);
	return { ...client, key, id: await participantIdOf(key) };
}

describe('quick polls', () => {
	test('three participants answer once each; the tally counts them', async () => {
		const { connect, pollId, observer } = await withPoll();
		const people = await Promise.all([participant(connect), participant(connect), participant(connect)]);
		people.forEach((p, i) => answerPoll(p.doc, p.id, pollId, i === 2 ? 1 : 0));
		await waitFor(() => readAnswers(observer.doc, pollId).length === 3, 'three answers');
		const poll = readPolls((await connect('projector', 'session')).doc)[0];
		expect(tally(poll, readAnswers(observer.doc, pollId)).counts).toEqual([2, 1, 0]);
		expect(people.every((p) => p.closed() === null)).toBe(true);
	});

	test('a second answer from the same participant is refused; the first stays', async () => {
		const { connect, pollId, observer } = await withPoll();
		const alice = await participant(connect);
		answerPoll(alice.doc, alice.id, pollId, 0);
		await waitFor(() => readAnswers(observer.doc, pollId).length === 1, 'the first answer');
		answerPoll(alice.doc, alice.id, pollId, 2);
		await waitFor(() => alice.closed() !== null, 'the change to be refused');
		expect(alice.closed()!.reason).toBe('update_refused:answer_final');
		// Replacing the whole answer map is the same second answer.
		const again = await connect('participant', '', alice.key);
		const fresh = new Y.Map<Answer>();
		fresh.set(pollId, 1);
		answersOf(again.doc).set(alice.id, fresh);
		await waitFor(() => again.closed() !== null, 'the replacement to be refused');
		expect(again.closed()!.reason).toBe('update_refused:answer_final');
		const later = await connect('facilitator');
		expect(readAnswers(later.doc, pollId)).toEqual([0]);
	});

	test('a closed poll refuses answers', async () => {
		const { connect, facilitator, pollId, observer } = await withPoll('word');
		const bob = await participant(connect);
		const bobSession = await connect('participant', 'session');
		setPollOpen(facilitator.doc, pollId, false);
		await waitFor(() => readPolls(bobSession.doc)[0]?.open === false, 'the closing to reach bob');
		answerPoll(bob.doc, bob.id, pollId, 'trop tard');
		await waitFor(() => bob.closed() !== null, 'bob to be refused');
		expect(bob.closed()!.reason).toBe('update_refused:poll_closed');
		expect(readAnswers(observer.doc, pollId)).toEqual([]);
	});

	test('answers are checked: own id only, the poll’s shape, not while locked', async () => {
		const { connect, facilitator, pollId } = await withPoll();
		const alice = await participant(connect);
		answerPoll(alice.doc, 'someone-else-id-12345', pollId, 0);
		await waitFor(() => alice.closed() !== null, 'a forged id to be refused');
		expect(alice.closed()!.reason).toBe('update_refused:not_your_answer');

		const bob = await participant(connect);
		answerPoll(bob.doc, bob.id, pollId, 7);
		await waitFor(() => bob.closed() !== null, 'a choice out of range to be refused');
		expect(bob.closed()!.reason).toBe('update_refused:bad_answer');

		setSessionField(facilitator.doc, 'locked', true);
		const carol = await participant(connect);
		const carolSession = await connect('participant', 'session');
		await waitFor(() => carolSession.doc.getMap('session').get('locked') === true, 'the lock');
		answerPoll(carol.doc, carol.id, pollId, 0);
		await waitFor(() => carol.closed() !== null, 'an answer on a locked board to be refused');
		expect(carol.closed()!.reason).toBe('update_refused:board_locked');
	});

	test('a projector cannot answer: its update is dropped, nothing stored', async () => {
		const { app, board, connect, pollId } = await withPoll();
		const screen = await connect('projector');
		const room = app.rooms.peek(board.id)!;
		answerPoll(screen.doc, 'projector', pollId, 0);
		await waitFor(() => room.droppedUpdates === 1, 'the projector’s answer to be dropped');
		const later = await connect('facilitator');
		expect(readAnswers(later.doc, pollId)).toEqual([]);
	});

	test('only facilitators define polls, and a poll’s question and choices cannot change', async () => {
		const { connect, facilitator, pollId } = await withPoll();
		const participantSession = await connect('participant', 'session');
		createPoll(participantSession.doc, { kind: 'scale', question: 'Ma question ?' });
		await waitFor(() => participantSession.closed() !== null, 'a participant’s poll to be refused');
		expect(participantSession.closed()!.reason).toBe('update_refused:session_forbidden');

		const poll = readPolls(facilitator.doc)[0];
		facilitator.doc.getMap('polls').set(pollId, { ...poll, options: ['Autre chose', 'Encore'] });
		await waitFor(() => facilitator.closed() !== null, 'a changed poll to be refused');
		expect(facilitator.closed()!.reason).toBe('update_refused:bad_poll');
	});
});
