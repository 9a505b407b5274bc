/**
 * The planned run of a session (« déroulé », issue 13): its own root map,
 * `agenda`, in the session document, so only facilitators write it
 * (validate-agenda.ts). Starting a step moves the session to the step's phase
 * and sets the timer to its planned minutes; each start and end is kept in
 * `runs`, so the report can put actual times beside planned ones.
 * Pure TypeScript, shared by browser and server.
 */
import * as Y from 'yjs';
import type { AgendaStep } from '../kits/kit';
import { setPhase, setSessionField } from './session';

export const AGENDA = 'agenda';
export const AgendaKey = {
	/** PlannedStep[], in order. */
	steps: 'steps',
	/** The running step's id, or null. */
	current: 'current',
	/** StepRun[], oldest first. */
	runs: 'runs',
	/** Start the next step by itself when the time is up (the facilitator ticks it; off by default). */
	auto: 'auto'
} as const;
export const AGENDA_KEYS: readonly string[] = Object.values(AgendaKey);
/** Runs kept: a long day restarting steps stays well under this. */
export const MAX_RUNS = 200;

export interface PlannedStep extends AgendaStep {
	id: string;
}

export interface StepRun {
	stepId: string;
	startedAt: number;
	endedAt: number | null;
}

export interface Agenda {
	steps: PlannedStep[];
	current: string | null;
	runs: StepRun[];
	auto: boolean;
}

export function agendaOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(AGENDA);
}

export function newStepId(): string {
	return 's' + Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 10);
}

export function planSteps(steps: AgendaStep[]): PlannedStep[] {
	return steps.map(({ phase, minutes, instruction }) => ({ id: newStepId(), phase, minutes, instruction }));
}

export function readAgenda(doc: Y.Doc): Agenda {
	const map = agendaOf(doc);
	const steps = map.get(AgendaKey.steps);
	const runs = map.get(AgendaKey.runs);
	const current = map.get(AgendaKey.current);
	return {
		steps: Array.isArray(steps) ? (steps as PlannedStep[]) : [],
		current: typeof current === 'string' ? current : null,
		runs: Array.isArray(runs) ? (runs as StepRun[]) : [],
		auto: map.get(AgendaKey.auto) === true
	};
}

export function currentStep(agenda: Agenda): PlannedStep | null {
	return agenda.steps.find((s) => s.id === agenda.current) ?? null;
}

/** The step after the running one; the first step before the run starts; null after the last. */
export function nextStep(agenda: Agenda): PlannedStep | null {
	if (agenda.current === null) return agenda.runs.length === 0 ? (agenda.steps[0] ?? null) : null;
	const index = agenda.steps.findIndex((s) => s.id === agenda.current);
	return agenda.steps[index + 1] ?? null;
}

export function setSteps(doc: Y.Doc, steps: PlannedStep[]): void {
	const map = agendaOf(doc);
	doc.transact(() => {
		map.set(AgendaKey.steps, steps);
		// A running step that was removed ends now; its run stays in the log.
		const current = map.get(AgendaKey.current);
		if (typeof current === 'string' && !steps.some((s) => s.id === current)) map.set(AgendaKey.current, null);
	});
}

export function setAutoAdvance(doc: Y.Doc, on: boolean): void {
	agendaOf(doc).set(AgendaKey.auto, on);
}

function closedRuns(runs: StepRun[], now: number): StepRun[] {
	return runs.map((run) => (run.endedAt === null ? { ...run, endedAt: now } : run));
}

/** Starts a step: its phase (so « J'ai fini » resets), its timer running, a new run in the log. */
export function startStep(doc: Y.Doc, stepId: string, now: number): void {
	const agenda = readAgenda(doc);
	const step = agenda.steps.find((s) => s.id === stepId);
	if (!step) return;
	const map = agendaOf(doc);
	const ms = step.minutes * 60_000;
	doc.transact(() => {
		setPhase(doc, step.phase);
		setSessionField(doc, 'timer', { endsAt: now + ms, remainingMs: ms });
		map.set(AgendaKey.current, step.id);
		map.set(AgendaKey.runs, [...closedRuns(agenda.runs, now), { stepId: step.id, startedAt: now, endedAt: null }].slice(-MAX_RUNS));
	});
}

/** Ends the running step without starting another (the end of the run). */
export function finishAgenda(doc: Y.Doc, now: number): void {
	const agenda = readAgenda(doc);
	const map = agendaOf(doc);
	doc.transact(() => {
		map.set(AgendaKey.current, null);
		map.set(AgendaKey.runs, closedRuns(agenda.runs, now));
	});
}

/** Actual ms spent in each step (all its runs; a running one counts up to `now`). */
export function actualMs(agenda: Agenda, now: number): Record<string, number> {
	const out: Record<string, number> = {};
	for (const run of agenda.runs) out[run.stepId] = (out[run.stepId] ?? 0) + Math.max(0, (run.endedAt ?? now) - run.startedAt);
	return out;
}
