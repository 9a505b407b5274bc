/**
 * Write rules of the agenda root of the session document (agenda.ts).
 * checkSessionTransaction (validate-session.ts) has already checked the
 * writer is a facilitator; here only shapes and limits.
 */
import type * as Y from 'yjs';
import { KIT_LIMITS } from '../shared/limits';
import { AGENDA_KEYS, AgendaKey, MAX_RUNS, type PlannedStep, type StepRun } from './agenda';
import { isPhase } from './session';
import { Violation } from './violations';

const STEP_ID = /^[a-z0-9-]{1,24}$/i;

export function checkAgendaKeys(agenda: Y.Map<unknown>, keys: Set<string | null>): Violation | null {
	for (const key of keys) {
		if (key === null || !AGENDA_KEYS.includes(key)) return Violation.badSession;
		if (!agenda.has(key)) continue;
		if (!isValidAgendaField(key, agenda.get(key))) return Violation.badSession;
	}
	return null;
}

function isValidAgendaField(key: string, value: unknown): boolean {
	switch (key) {
		case AgendaKey.steps:
			return Array.isArray(value) && value.length <= KIT_LIMITS.agendaSteps && value.every(isStep) && uniqueIds(value);
		case AgendaKey.current:
			return value === null || (typeof value === 'string' && STEP_ID.test(value));
		case AgendaKey.runs:
			return Array.isArray(value) && value.length <= MAX_RUNS && value.every(isRun);
		case AgendaKey.auto:
			return typeof value === 'boolean';
		default:
			return false;
	}
}

function onlyKeys(value: object, keys: string[]): boolean {
	return Object.keys(value).every((k) => keys.includes(k));
}

function isStep(value: unknown): value is PlannedStep {
	if (typeof value !== 'object' || value === null || !onlyKeys(value, ['id', 'phase', 'minutes', 'instruction'])) return false;
	const { id, phase, minutes, instruction } = value as PlannedStep;
	return (
		typeof id === 'string' && STEP_ID.test(id) && isPhase(phase) &&
		Number.isInteger(minutes) && minutes >= 1 && minutes <= KIT_LIMITS.stepMinutes &&
		typeof instruction === 'string' && instruction.length <= KIT_LIMITS.instructionLength
	);
}

function uniqueIds(steps: PlannedStep[]): boolean {
	return new Set(steps.map((s) => s.id)).size === steps.length;
}

function isTime(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isRun(value: unknown): value is StepRun {
	if (typeof value !== 'object' || value === null || !onlyKeys(value, ['stepId', 'startedAt', 'endedAt'])) return false;
	const { stepId, startedAt, endedAt } = value as StepRun;
	return typeof stepId === 'string' && STEP_ID.test(stepId) && isTime(startedAt) && (endedAt === null || isTime(endedAt));
}
