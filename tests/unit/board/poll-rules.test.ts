import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../../../src/lib/board/doc';
import { answerPoll, isPoll, type Poll } from '../../../src/lib/board/polls';
import { DEFAULT_SESSION } from '../../../src/lib/board/session';
import { TEMPLATE_AXES } from '../../../src/lib/shared/templates';
import { checkChange } from '../../helpers/check-change';

const poll = (kind: Poll['kind'], extra: Partial<Poll> = {}): Poll => ({
	id: `p${kind}`, kind, question: 'Question ?', options: kind === 'single' || kind === 'multiple' ? ['A', 'B', 'C'] : [], open: true, createdAt: 1, ...extra
});
const POLLS = [poll('single'), poll('multiple'), poll('scale'), poll('word'), poll('single', { id: 'pshut', open: false })];
const alice = { role: 'participant' as const, participantId: 'alice' };

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Atelier', axes: TEMPLATE_AXES.nec });
	return doc;
}

const answer = (pollId: string, value: unknown, context = { session: DEFAULT_SESSION, polls: POLLS }) =>
	checkChange(board(), alice, (c) => answerPoll(c, 'alice', pollId, value as never), context);

describe('answers fit their poll', () => {
	test('each kind takes its own shape', () => {
		expect(answer('psingle', 2)).toBeNull();
		expect(answer('psingle', 3)).toBe('bad_answer');
		expect(answer('psingle', [0])).toBe('bad_answer');
		expect(answer('pmultiple', [0, 2])).toBeNull();
		expect(answer('pmultiple', [2, 0])).toBe('bad_answer');
		expect(answer('pmultiple', [1, 1])).toBe('bad_answer');
		expect(answer('pmultiple', [])).toBe('bad_answer');
		expect(answer('pscale', 5)).toBeNull();
		expect(answer('pscale', 0)).toBe('bad_answer');
		expect(answer('pscale', 2.5)).toBe('bad_answer');
		expect(answer('pword', 'partage')).toBeNull();
		expect(answer('pword', 'x'.repeat(41))).toBe('bad_answer');
		expect(answer('pword', 'deux\nlignes')).toBe('bad_answer');
	});

	test('a closed or unknown poll, or a closed session, takes none', () => {
		expect(answer('pshut', 0)).toBe('poll_closed');
		expect(answer('pnothing', 0)).toBe('poll_closed');
		expect(answer('psingle', 0, { session: { ...DEFAULT_SESSION, phase: 'closed' }, polls: POLLS })).toBe('session_closed');
	});

	test('private documents take no answers', () => {
		const result = checkChange(new Y.Doc(), alice, (c) => answerPoll(c, 'alice', 'psingle', 0), {
			session: { ...DEFAULT_SESSION, privateWriting: true }, polls: POLLS, target: 'private', axes: ['lieux']
		});
		expect(result).toBe('unknown_type');
	});
});

describe('poll definitions', () => {
	test('a poll needs a question, and 2 to 10 choices when it has choices', () => {
		expect(isPoll(poll('single'))).toBe(true);
		expect(isPoll(poll('single', { options: ['seul'] }))).toBe(false);
		expect(isPoll(poll('single', { options: Array.from({ length: 11 }, (_, i) => `c${i}`) }))).toBe(false);
		expect(isPoll(poll('scale', { options: ['x', 'y'] }))).toBe(false);
		expect(isPoll(poll('word', { question: '  ' }))).toBe(false);
		expect(isPoll({ ...poll('word'), extra: 1 })).toBe(false);
	});
});
