/** Who may write the session document, and what (validate-session.ts). */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import {
	SESSION, readSession, sessionOf, setPhase, setSessionField, setTimer, showsVoteCounts, startTimer, synthesisText, synthesisOf
} from '../../../src/lib/board/session';
import { checkSessionTransaction } from '../../../src/lib/board/validate-session';
import { Violation, type Writer } from '../../../src/lib/board/validate';
import { LIMITS } from '../../../src/lib/shared/limits';

const facilitator: Writer = { role: 'facilitator', participantId: 'fac' };
const organiser: Writer = { role: 'organiser', participantId: 'org' };
const participant: Writer = { role: 'participant', participantId: 'bob' };

function check(writer: Writer, change: (doc: Y.Doc) => void, seed?: (doc: Y.Doc) => void): Violation | null {
	const server = new Y.Doc();
	seed?.(server);
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(client);
	change(client);
	sessionOf(server);
	synthesisOf(server);
	let result: Violation | null = null;
	server.on('afterTransaction', (tr: Y.Transaction) => {
		if (tr.origin === 'client') result = checkSessionTransaction(tr, writer);
	});
	Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before), 'client');
	return result;
}

describe('session document rules', () => {
	test('facilitators and organisers run the session', () => {
		expect(check(facilitator, (d) => setPhase(d, 'vote'))).toBeNull();
		expect(check(facilitator, (d) => setSessionField(d, 'locked', true))).toBeNull();
		expect(check(facilitator, (d) => startTimer(d, Date.now()))).toBeNull();
		expect(check(facilitator, (d) => setSessionField(d, 'focus', { kind: 'axis', id: 'lieux' }))).toBeNull();
		expect(check(facilitator, (d) => setSessionField(d, 'liveVotes', false))).toBeNull();
		expect(check(organiser, (d) => synthesisText(d, 'lieux').insert(0, 'Conclusion'))).toBeNull();
		// The timer remembers its set duration (what every console shows); a bad one is refused.
		expect(check(facilitator, (d) => setTimer(d, 7 * 60_000))).toBeNull();
		expect(check(facilitator, (d) => setSessionField(d, 'timer', { endsAt: null, remainingMs: 1, durationMs: -1 }))).toBe(Violation.badSession);
	});

	test('a participant cannot change anything in it', () => {
		expect(check(participant, (d) => setPhase(d, 'closed'))).toBe(Violation.sessionForbidden);
		expect(check(participant, (d) => setSessionField(d, 'locked', false))).toBe(Violation.sessionForbidden);
		expect(check(participant, (d) => setSessionField(d, 'liveVotes', true))).toBe(Violation.sessionForbidden);
		const seed = (d: Y.Doc) => synthesisText(d, 'lieux').insert(0, 'Texte');
		expect(check(participant, (d) => synthesisText(d, 'lieux').insert(0, 'x'), seed)).toBe(Violation.sessionForbidden);
	});

	test('only known fields with valid values', () => {
		const set = (key: string, value: unknown) => (d: Y.Doc) => d.getMap(SESSION).set(key, value);
		expect(check(facilitator, set('phase', 'party'))).toBe(Violation.badSession);
		expect(check(facilitator, set('voteBudget', 101))).toBe(Violation.badSession);
		expect(check(facilitator, set('voteBudget', -1))).toBe(Violation.badSession);
		expect(check(facilitator, set('voteBudget', 100))).toBeNull();
		expect(check(facilitator, set('maxVotesPerNote', 0))).toBe(Violation.badSession);
		expect(check(facilitator, set('locked', 'yes'))).toBe(Violation.badSession);
		expect(check(facilitator, set('liveVotes', 0))).toBe(Violation.badSession);
		expect(check(facilitator, set('timer', { endsAt: null }))).toBe(Violation.badSession);
		expect(check(facilitator, set('timer', { endsAt: 5, remainingMs: 3, x: 1 }))).toBe(Violation.badSession);
		expect(check(facilitator, set('focus', { kind: 'axis' }))).toBe(Violation.badSession);
		expect(check(facilitator, set('whatever', 1))).toBe(Violation.badSession);
		expect(check(facilitator, (d) => d.getMap('other').set('x', 1))).toBe(Violation.unknownType);
	});

	test('private note counts are the server’s to write', () => {
		expect(check(facilitator, (d) => d.getMap(SESSION).set('privateCounts', { lieux: 99 }))).toBe(Violation.serverOnly);
	});

	test('a synthesis is a text per axis, within the limit', () => {
		expect(check(facilitator, (d) => synthesisOf(d).set('lieux', new Y.Map() as unknown as Y.Text))).toBe(Violation.badSession);
		const seed = (d: Y.Doc) => synthesisText(d, 'lieux').insert(0, 'x'.repeat(LIMITS.synthesisLength - 1));
		expect(check(facilitator, (d) => synthesisText(d, 'lieux').insert(0, 'y'), seed)).toBeNull();
		expect(check(facilitator, (d) => synthesisText(d, 'lieux').insert(0, 'yz'), seed)).toBe(Violation.synthesisTooLong);
	});
});

describe('live vote counts (the facilitator\'s choice)', () => {
	test('shown by default; when turned off, hidden during the vote only', () => {
		const doc = new Y.Doc();
		setPhase(doc, 'vote');
		expect(showsVoteCounts(readSession(doc))).toBe(true);
		setSessionField(doc, 'liveVotes', false);
		expect(showsVoteCounts(readSession(doc))).toBe(false);
		setPhase(doc, 'synthesis');
		expect(showsVoteCounts(readSession(doc))).toBe(true);
	});
});
