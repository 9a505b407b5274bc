/**
 * Write rules of the session document (session.ts): only facilitators and
 * organisers write it, only known fields with the right types, synthesis
 * texts within LIMITS. SERVER_SESSION_KEYS (`privateCounts`…) are the server's alone (it writes with
 * its own origin, which is never checked).
 */
import * as Y from 'yjs';
import { LIMITS } from '../shared/limits';
import { canWriteContent, hasRole } from '../shared/roles';
import { CLIENT_SESSION_KEYS, SERVER_SESSION_KEYS, SESSION, SYNTHESIS, isPhase, type Focus, type Timer } from './session';
import { AGENDA } from './agenda';
import { checkAgendaKeys } from './validate-agenda';
import { changedTypes, isPlainText } from './validate-context';
import { checkPollDefinitions } from './validate-polls';
import { Violation, type Writer } from './violations';

const AXIS_ID = /^[a-z0-9-]{1,40}$/;
const MAX_BUDGET = 100;
const FOCUS_KINDS: readonly string[] = ['axis', 'group', 'note'];

export function checkSessionTransaction(tr: Y.Transaction, writer: Writer): Violation | null {
	const doc = tr.doc;
	if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return Violation.incomplete;
	if (tr.changed.size === 0 && tr.deleteSet.clients.size === 0) return null;
	if (!canWriteContent(writer.role)) return Violation.readOnly;
	if (!hasRole(writer.role, 'facilitator')) return Violation.sessionForbidden;
	const session = doc.getMap(SESSION);
	const synthesis = doc.getMap(SYNTHESIS);
	const agenda = doc.getMap(AGENDA);
	for (const [type, keys] of changedTypes(tr)) {
		// Quick polls and what the screen shows (validate-polls.ts); undefined when the type is not theirs.
		const polls = checkPollDefinitions(tr, type, keys);
		const violation =
			polls !== undefined
				? polls
				: type === session
				? checkSessionKeys(session, keys)
				: type === agenda
					? checkAgendaKeys(agenda, keys)
					: type === synthesis
					? checkSynthesisRoot(synthesis, keys)
					: checkSynthesisText(type, synthesis);
		if (violation) return violation;
	}
	return null;
}

function checkSessionKeys(session: Y.Map<unknown>, keys: Set<string | null>): Violation | null {
	for (const key of keys) {
		if ((SERVER_SESSION_KEYS as readonly (string | null)[]).includes(key)) return Violation.serverOnly;
		if (key === null || !(CLIENT_SESSION_KEYS as readonly string[]).includes(key)) return Violation.badSession;
		if (!session.has(key)) continue; // a field removed: readSession falls back to its default
		if (!isValidField(key, session.get(key))) return Violation.badSession;
	}
	return null;
}

function isValidField(key: string, value: unknown): boolean {
	switch (key) {
		case 'phase':
			return isPhase(value);
		case 'phaseSerial':
			return isCount(value, Number.MAX_SAFE_INTEGER);
		case 'privateWriting':
		case 'premoderation':
		case 'locked':
		case 'liveVotes':
			return typeof value === 'boolean';
		case 'timer':
			return isTimer(value);
		case 'focus':
			return isFocus(value);
		case 'voteBudget':
			return isCount(value, MAX_BUDGET);
		case 'maxVotesPerNote':
			return isCount(value, MAX_BUDGET) && value >= 1;
		default:
			return false;
	}
}

function isCount(value: unknown, max: number): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;
}

function hasOnlyKeys(value: object, keys: string[]): boolean {
	return Object.keys(value).every((k) => keys.includes(k));
}

function isTimer(value: unknown): value is Timer {
	if (typeof value !== 'object' || value === null || !hasOnlyKeys(value, ['endsAt', 'remainingMs', 'durationMs'])) return false;
	const { endsAt, remainingMs, durationMs } = value as Timer;
	const okEnd = endsAt === null || (typeof endsAt === 'number' && Number.isFinite(endsAt) && endsAt >= 0);
	const okDuration = durationMs === undefined || isDuration(durationMs);
	return okEnd && okDuration && isDuration(remainingMs);
}

function isDuration(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isFocus(value: unknown): value is Focus {
	if (value === null) return true;
	if (typeof value !== 'object' || !hasOnlyKeys(value, ['kind', 'id'])) return false;
	const { kind, id } = value as { kind: unknown; id: unknown };
	return typeof kind === 'string' && FOCUS_KINDS.includes(kind) && typeof id === 'string' && id.length > 0 && id.length <= 64;
}

function checkSynthesisRoot(synthesis: Y.Map<unknown>, keys: Set<string | null>): Violation | null {
	for (const key of keys) {
		if (key === null || !AXIS_ID.test(key)) return Violation.badSession;
		const text = synthesis.get(key);
		if (text === undefined) continue;
		if (!(text instanceof Y.Text)) return Violation.badSession;
		const bad = checkText(text);
		if (bad) return bad;
	}
	return null;
}

/** A change inside an axis' synthesis text. */
function checkSynthesisText(type: Y.AbstractType<unknown>, synthesis: Y.Map<unknown>): Violation | null {
	if (!(type instanceof Y.Text) || type._item?.parent !== synthesis) return Violation.unknownType;
	if (type._item.deleted) return null;
	return checkText(type);
}

/** Bold or italics are fine in a synthesis; embeds are not. */
function checkText(text: Y.Text): Violation | null {
	if (!isPlainText(text, true)) return Violation.badSession;
	return text.length > LIMITS.synthesisLength ? Violation.synthesisTooLong : null;
}
