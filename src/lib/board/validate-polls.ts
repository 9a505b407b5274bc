/**
 * Write rules of the quick polls (polls.ts), called from the session rules
 * (definitions, what the screen shows: facilitators only, checked there) and
 * from the board rules (answers). Each returns `undefined` when the changed
 * type is not theirs, so the callers' dispatch stays one line.
 *
 * Answers: a participant writes only under their own id, once per poll (no
 * change, no withdrawal), to a poll that exists and is open, in the poll's
 * shape; not once the session is closed, nor while the board is locked
 * (DESIGN.md: a locked board takes no participant writes).
 */
import * as Y from 'yjs';
import { LIMITS } from '../shared/limits';
import { hasRole } from '../shared/roles';
import { ANSWERS, POLLS, SCREEN, isAnswerTo, isPoll, isShow, type Poll } from './polls';
import { previousValue, wasAddedBy, type Ctx } from './validate-context';
import { Violation } from './violations';

type Keys = Set<string | null>;

/** Session document: a poll opened, closed or deleted, or the screen's choice. */
export function checkPollDefinitions(tr: Y.Transaction, type: Y.AbstractType<unknown>, keys: Keys): Violation | null | undefined {
	const doc = tr.doc;
	if (type === (doc.getMap(SCREEN) as unknown)) {
		const screen = type as Y.Map<unknown>;
		for (const key of keys) if (key !== 'show' || (screen.has(key) && !isShow(screen.get(key)))) return Violation.badSession;
		return null;
	}
	if (type !== (doc.getMap(POLLS) as unknown)) return undefined;
	const polls = type as Y.Map<unknown>;
	let added = false;
	for (const key of keys) {
		if (key === null) return Violation.badPoll;
		const poll = polls.get(key);
		if (poll === undefined) continue; // deleted
		if (!isPoll(poll) || poll.id !== key) return Violation.badPoll;
		const before = previousValue(tr, polls, key);
		if (before === undefined) added = true;
		// Only opening and closing: answers already given keep their meaning.
		else if (!isPoll(before) || JSON.stringify({ ...before, open: poll.open }) !== JSON.stringify(poll)) return Violation.badPoll;
	}
	if (added && polls.size > LIMITS.pollsPerBoard) return Violation.tooManyPolls;
	return null;
}

/** Board document: answers (root map of participants, or one participant's map). */
export function checkAnswers(ctx: Ctx, polls: ReadonlyMap<string, Poll>, type: Y.AbstractType<unknown>, keys: Keys): Violation | null | undefined {
	const answers = ctx.tr.doc.getMap(ANSWERS) as unknown as Y.Map<unknown>;
	if (type === (answers as unknown)) return ctx.target === 'board' ? checkAnswersRoot(ctx, polls, answers, keys) : Violation.unknownType;
	const item = type._item;
	if (!item || item.parent !== (answers as unknown) || !(type instanceof Y.Map)) return undefined;
	if (ctx.target !== 'board') return Violation.unknownType;
	if (item.parentSub !== ctx.writer.participantId) return Violation.notYourAnswer;
	if (item.deleted) return Violation.answerFinal;
	for (const pollId of keys) {
		if (pollId === null) return Violation.badAnswer;
		if (previousValue(ctx.tr, type, pollId) !== undefined || !type.has(pollId)) return Violation.answerFinal;
		const bad = checkAnswer(ctx, polls, pollId, type.get(pollId));
		if (bad) return bad;
	}
	return null;
}

/** A participant's answer map created (their first answer), or one replaced or removed (refused). */
function checkAnswersRoot(ctx: Ctx, polls: ReadonlyMap<string, Poll>, answers: Y.Map<unknown>, keys: Keys): Violation | null {
	for (const key of keys) {
		if (key === null) return Violation.badAnswer;
		if (key !== ctx.writer.participantId) return Violation.notYourAnswer;
		const item = answers._map.get(key) ?? null;
		for (let old = item; old; old = old.left) {
			if (old.deleted && Y.isDeleted(ctx.tr.deleteSet, old.id) && !wasAddedBy(ctx.tr, old)) return Violation.answerFinal;
		}
		const mine = answers.get(key);
		if (!item || item.deleted || !(mine instanceof Y.Map) || !wasAddedBy(ctx.tr, item)) return Violation.answerFinal;
		for (const [pollId, answer] of mine.entries()) {
			const bad = checkAnswer(ctx, polls, pollId, answer);
			if (bad) return bad;
		}
	}
	return null;
}

function checkAnswer(ctx: Ctx, polls: ReadonlyMap<string, Poll>, pollId: string, answer: unknown): Violation | null {
	const poll = polls.get(pollId);
	if (!poll || !poll.open) return Violation.pollClosed;
	if (ctx.session?.phase === 'closed') return Violation.closed;
	if (ctx.session?.locked && !hasRole(ctx.writer.role, 'facilitator')) return Violation.locked;
	return isAnswerTo(poll, answer) ? null : Violation.badAnswer;
}
