/**
 * One command drives every table (issue 13): what a workshop console's own
 * transaction changed in its session document, applied to each table's
 * session document. Pure TypeScript (plenary.svelte.ts calls it on each
 * local transaction), so it is tested without a browser.
 */
import type * as Y from 'yjs';
import { AgendaKey, agendaOf, finishAgenda, readAgenda, setSteps, startStep } from './agenda';
import { CLIENT_SESSION_KEYS, isPhase, sessionOf, setPhase } from './session';

/**
 * Session fields copied to every table. Not the focus (it names the
 * workshop's own notes) nor the phase serial (each table counts its own; a
 * phase change bumps it there).
 */
const DRIVEN_KEYS: readonly string[] = CLIENT_SESSION_KEYS.filter((k) => k !== 'focus' && k !== 'phaseSerial');

function changedKeys(tr: Y.Transaction, type: Y.Map<unknown>): Set<string | null> {
	return tr.changed.get(type as unknown as Y.AbstractType<Y.YEvent<Y.Map<unknown>>>) ?? new Set();
}

/** Applies to `tables` what `tr` (a transaction of the workshop's session document) changed; `now` is server time. */
export function driveTables(tr: Y.Transaction, tables: Y.Doc[], now: number): void {
	const from = tr.doc;
	const session = sessionOf(from);
	const keys = [...changedKeys(tr, session)].filter((k): k is string => k !== null && DRIVEN_KEYS.includes(k));
	const agendaKeys = changedKeys(tr, agendaOf(from));
	const moved = agendaKeys.has(AgendaKey.current);
	// The plan itself, so a step starts at the same place everywhere. Not `auto`:
	// the tables follow this console; advancing on their own too would start steps twice.
	const planned = agendaKeys.has(AgendaKey.steps);
	if (!keys.length && !moved && !planned) return;
	const source = readAgenda(from);
	const index = source.steps.findIndex((s) => s.id === source.current);
	for (const doc of tables) {
		doc.transact(() => {
			if (planned) setSteps(doc, source.steps);
			if (moved) {
				const step = index >= 0 ? readAgenda(doc).steps[index] : undefined;
				if (step) startStep(doc, step.id, now);
				else finishAgenda(doc, now);
			}
			for (const key of keys) {
				const value = session.get(key);
				// A step started above already moved the table to its phase.
				if (key === 'phase') {
					if (isPhase(value) && !moved) setPhase(doc, value);
				} else sessionOf(doc).set(key, value);
			}
		});
	}
}
