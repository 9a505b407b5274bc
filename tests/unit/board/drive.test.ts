/** One command drives every table (drive.ts): what a workshop console does, each table does. */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { driveTables } from '../../../src/lib/board/drive';
import { planSteps, readAgenda, setSteps, startStep } from '../../../src/lib/board/agenda';
import { readSession, setPhase, setSessionField, startTimer } from '../../../src/lib/board/session';

const PLAN = [
	{ phase: 'collect', minutes: 10, instruction: 'Écrivez' },
	{ phase: 'vote', minutes: 5, instruction: 'Votez' }
] as const;

function setup(tableCount = 3) {
	const workshop = new Y.Doc();
	setSteps(workshop, planSteps([...PLAN]));
	// Each table got its own copy of the plan when it was made (other step ids).
	const tables = Array.from({ length: tableCount }, () => {
		const doc = new Y.Doc();
		setSteps(doc, planSteps([...PLAN]));
		return doc;
	});
	workshop.on('afterTransaction', (tr: Y.Transaction) => driveTables(tr, tables, 1_000));
	return { workshop, tables };
}

describe('driving the tables', () => {
	test('a phase change moves every table, each counting its own « J’ai fini » round', () => {
		const { workshop, tables } = setup();
		setPhase(tables[1], 'group'); // one table had moved on its own
		setPhase(workshop, 'vote');
		expect(tables.map((t) => readSession(t).phase)).toEqual(['vote', 'vote', 'vote']);
		expect(tables.map((t) => readSession(t).phaseSerial)).toEqual([1, 2, 1]);
	});

	test('reveal, lock, vote rules and the timer go to every table; the focus stays the workshop’s', () => {
		const { workshop, tables } = setup(2);
		workshop.transact(() => {
			setSessionField(workshop, 'privateWriting', true);
			setSessionField(workshop, 'locked', true);
			setSessionField(workshop, 'voteBudget', 7);
			setSessionField(workshop, 'focus', { kind: 'axis', id: 'lieux' });
		});
		startTimer(workshop, 5_000);
		for (const table of tables) {
			expect(readSession(table)).toMatchObject({ privateWriting: true, locked: true, voteBudget: 7, focus: null });
			expect(readSession(table).timer).toEqual(readSession(workshop).timer);
		}
		setSessionField(workshop, 'privateWriting', false);
		expect(tables.map((t) => readSession(t).privateWriting)).toEqual([false, false]);
	});

	test('a step started on the workshop starts the same step at every table, then the run ends everywhere', () => {
		const { workshop, tables } = setup(2);
		const steps = readAgenda(workshop).steps;
		startStep(workshop, steps[1].id, 1_000);
		for (const table of tables) {
			const agenda = readAgenda(table);
			expect(agenda.current).toBe(agenda.steps[1].id);
			expect(readSession(table).phase).toBe('vote');
			expect(readSession(table).timer).toEqual({ endsAt: 1_000 + 5 * 60_000, remainingMs: 5 * 60_000 });
		}
	});

	test('an edited plan is copied, so steps keep their place at every table', () => {
		const { workshop, tables } = setup(1);
		setSteps(workshop, planSteps([{ phase: 'synthesis', minutes: 20, instruction: 'On conclut' }]));
		expect(readAgenda(tables[0]).steps.map((s) => s.instruction)).toEqual(['On conclut']);
	});

});
