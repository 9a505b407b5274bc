/** The planned run (agenda.ts) and who may change it (validate-agenda.ts through checkSessionTransaction). */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { ensureRoots } from '../../../src/lib/board/doc';
import {
	AGENDA, actualMs, currentStep, finishAgenda, nextStep, planSteps, readAgenda, setAutoAdvance, setSteps, startStep
} from '../../../src/lib/board/agenda';
import { readSession } from '../../../src/lib/board/session';
import { checkSessionTransaction } from '../../../src/lib/board/validate-session';
import { Violation, type Writer } from '../../../src/lib/board/validate';

const facilitator: Writer = { role: 'facilitator', participantId: 'fac' };
const participant: Writer = { role: 'participant', participantId: 'bob' };

const PLAN = planSteps([
	{ phase: 'collect', minutes: 10, instruction: 'Écrivez' },
	{ phase: 'vote', minutes: 5, instruction: 'Votez' }
]);

function planned(): Y.Doc {
	const doc = new Y.Doc();
	setSteps(doc, PLAN);
	return doc;
}

function check(writer: Writer, change: (doc: Y.Doc) => void): Violation | null {
	const server = planned();
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(client);
	change(client);
	// As the server loads it: roots first, then the stored state, then the client's update.
	const probe = new Y.Doc();
	ensureRoots(probe);
	Y.applyUpdate(probe, Y.encodeStateAsUpdate(server));
	let result: Violation | null = null;
	probe.on('afterTransaction', (tr: Y.Transaction) => {
		if (tr.origin === 'client') result = checkSessionTransaction(tr, writer);
	});
	Y.applyUpdate(probe, Y.encodeStateAsUpdate(client, before), 'client');
	return result;
}

describe('running the agenda', () => {
	test('starting a step sets its phase and a running timer of its minutes, and logs the start', () => {
		const doc = planned();
		expect(nextStep(readAgenda(doc))?.instruction).toBe('Écrivez');
		startStep(doc, PLAN[1].id, 1_000);
		const session = readSession(doc);
		expect(session.phase).toBe('vote');
		expect(session.timer).toEqual({ endsAt: 1_000 + 5 * 60_000, remainingMs: 5 * 60_000 });
		expect(currentStep(readAgenda(doc))?.id).toBe(PLAN[1].id);
		expect(nextStep(readAgenda(doc))).toBeNull();
	});

	test('« J’ai fini » resets at each step, even one in the same phase', () => {
		const doc = planned();
		startStep(doc, PLAN[0].id, 0);
		const serial = readSession(doc).phaseSerial;
		startStep(doc, PLAN[0].id, 10);
		expect(readSession(doc).phaseSerial).toBe(serial + 1);
	});

	test('actual times: each step from its start to the next one, the last to the end', () => {
		const doc = planned();
		startStep(doc, PLAN[0].id, 0);
		startStep(doc, PLAN[1].id, 12 * 60_000);
		finishAgenda(doc, 15 * 60_000);
		const agenda = readAgenda(doc);
		expect(agenda.current).toBeNull();
		expect(actualMs(agenda, 99 * 60_000)).toEqual({ [PLAN[0].id]: 12 * 60_000, [PLAN[1].id]: 3 * 60_000 });
		expect(nextStep(agenda)).toBeNull();
	});

	test('removing the running step ends it', () => {
		const doc = planned();
		startStep(doc, PLAN[0].id, 0);
		setSteps(doc, [PLAN[1]]);
		expect(readAgenda(doc).current).toBeNull();
	});
});

describe('agenda rules', () => {
	test('facilitators plan, start steps and tick the automatic advance', () => {
		expect(check(facilitator, (d) => setSteps(d, [...PLAN, ...planSteps([{ phase: 'synthesis', minutes: 20, instruction: '' }])]))).toBeNull();
		expect(check(facilitator, (d) => startStep(d, PLAN[0].id, Date.now()))).toBeNull();
		expect(check(facilitator, (d) => setAutoAdvance(d, true))).toBeNull();
	});

	test('a participant cannot touch it', () => {
		expect(check(participant, (d) => startStep(d, PLAN[1].id, Date.now()))).toBe(Violation.sessionForbidden);
		expect(check(participant, (d) => setSteps(d, []))).toBe(Violation.sessionForbidden);
	});

	test('only known fields with valid steps', () => {
		const set = (key: string, value: unknown) => (d: Y.Doc) => d.getMap(AGENDA).set(key, value);
		expect(check(facilitator, set('steps', [{ ...PLAN[0], minutes: 0 }]))).toBe(Violation.badSession);
		expect(check(facilitator, set('steps', [{ ...PLAN[0], phase: 'pause' }]))).toBe(Violation.badSession);
		expect(check(facilitator, set('steps', [PLAN[0], PLAN[0]]))).toBe(Violation.badSession);
		expect(check(facilitator, set('steps', [{ ...PLAN[0], instruction: 'x'.repeat(401) }]))).toBe(Violation.badSession);
		expect(check(facilitator, set('runs', [{ stepId: PLAN[0].id, startedAt: -1, endedAt: null }]))).toBe(Violation.badSession);
		expect(check(facilitator, set('auto', 'yes'))).toBe(Violation.badSession);
		expect(check(facilitator, set('next', 1))).toBe(Violation.badSession);
	});
});
