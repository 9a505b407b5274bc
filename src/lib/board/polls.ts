/**
 * The owner of the quick polls' Yjs schema (issue 15), beside doc.ts and
 * session.ts. Two places, for two kinds of writer:
 * - the session document (facilitators only) holds the polls' definitions
 *   (`polls`: `Y.Map<pollId, Poll>`, plain values) and what the projector
 *   shows (`screen`: `Y.Map{ show: Show }`);
 * - the board document holds the answers (`answers`: `Y.Map<participantId,
 *   Y.Map<pollId, Answer>>`): each participant writes only under their own id,
 *   once per poll, while the poll is open (validate-polls.ts; the server checks).
 * Pure TypeScript, shared by browser and server.
 */
import * as Y from 'yjs';
import { LIMITS } from '../shared/limits';

export const POLLS = 'polls';
export const SCREEN = 'screen';
export const ANSWERS = 'answers';

export const POLL_KINDS = ['single', 'multiple', 'scale', 'word'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

/** The values of a 1–5 scale poll. */
export const SCALE = [1, 2, 3, 4, 5] as const;

export interface Poll {
	id: string;
	kind: PollKind;
	question: string;
	/** The choices (single, multiple); empty for scale and word polls. */
	options: string[];
	open: boolean;
	createdAt: number;
}

/** A choice's index (single), sorted distinct indices (multiple), 1–5 (scale), a word (word). */
export type Answer = number | number[] | string;

/** What the projector shows over the board (null: the board itself). Axis null: every axis. */
export type Show =
	| { kind: 'cloud'; axisId: string | null }
	| { kind: 'poll'; pollId: string }
	| { kind: 'results'; axisId: string | null }
	| null;

export function pollsOf(doc: Y.Doc): Y.Map<Poll> {
	return doc.getMap<Poll>(POLLS);
}

export function screenOf(doc: Y.Doc): Y.Map<Show> {
	return doc.getMap<Show>(SCREEN);
}

export function answersOf(doc: Y.Doc): Y.Map<Y.Map<Answer>> {
	return doc.getMap<Y.Map<Answer>>(ANSWERS);
}

/** Instantiates the roots before any update is applied (see doc.ts `ensureRoots`). */
export function ensurePollRoots(doc: Y.Doc): void {
	pollsOf(doc);
	screenOf(doc);
	answersOf(doc);
}

export function isPollKind(value: unknown): value is PollKind {
	return typeof value === 'string' && (POLL_KINDS as readonly string[]).includes(value);
}

/** Every poll, oldest first. */
export function readPolls(session: Y.Doc): Poll[] {
	const polls: Poll[] = [];
	pollsOf(session).forEach((poll) => {
		if (isPoll(poll)) polls.push(poll);
	});
	return polls.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function readShow(session: Y.Doc): Show {
	const show = screenOf(session).get('show');
	return isShow(show) ? show : null;
}

export interface NewPoll {
	kind: PollKind;
	question: string;
	options?: string[];
	id?: string;
	createdAt?: number;
}

/** Opens a new poll (facilitators); choices are trimmed, empty ones dropped. */
export function createPoll(session: Y.Doc, input: NewPoll): string {
	// getRandomValues, not randomUUID: a venue's plain-http address is not a secure context.
	const id = input.id ?? 'p' + Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(36).padStart(2, '0')).join('').slice(0, 14);
	const choices = input.kind === 'single' || input.kind === 'multiple';
	const options = choices ? (input.options ?? []).map((o) => o.trim()).filter(Boolean) : [];
	const poll: Poll = { id, kind: input.kind, question: input.question.trim(), options, open: true, createdAt: input.createdAt ?? Date.now() };
	pollsOf(session).set(id, poll);
	return id;
}

export function setPollOpen(session: Y.Doc, pollId: string, open: boolean): void {
	const poll = pollsOf(session).get(pollId);
	if (isPoll(poll)) pollsOf(session).set(pollId, { ...poll, open });
}

export function deletePoll(session: Y.Doc, pollId: string): void {
	session.transact(() => {
		pollsOf(session).delete(pollId);
		const show = readShow(session);
		if (show?.kind === 'poll' && show.pollId === pollId) screenOf(session).set('show', null);
	});
}

export function setShow(session: Y.Doc, show: Show): void {
	screenOf(session).set('show', show);
}

/** Every answer to a poll (who answered is not part of it). */
export function readAnswers(board: Y.Doc, pollId: string): Answer[] {
	const out: Answer[] = [];
	answersOf(board).forEach((mine) => {
		const answer = mine instanceof Y.Map ? mine.get(pollId) : undefined;
		if (answer !== undefined) out.push(answer);
	});
	return out;
}

export function myAnswer(board: Y.Doc, participantId: string, pollId: string): Answer | undefined {
	const mine = answersOf(board).get(participantId);
	return mine instanceof Y.Map ? mine.get(pollId) : undefined;
}

/** Writes this participant's answer (one transaction; the first answer creates their map). */
export function answerPoll(board: Y.Doc, participantId: string, pollId: string, answer: Answer): void {
	const answers = answersOf(board);
	board.transact(() => {
		const mine = answers.get(participantId);
		if (mine instanceof Y.Map) return void mine.set(pollId, answer);
		const fresh = new Y.Map<Answer>();
		fresh.set(pollId, answer);
		answers.set(participantId, fresh);
	});
}

export function isPoll(value: unknown): value is Poll {
	if (typeof value !== 'object' || value === null) return false;
	const p = value as Poll;
	if (Object.keys(p).some((k) => !['id', 'kind', 'question', 'options', 'open', 'createdAt'].includes(k))) return false;
	if (typeof p.id !== 'string' || !/^[a-z0-9]{1,40}$/.test(p.id) || !isPollKind(p.kind)) return false;
	if (typeof p.question !== 'string' || p.question.trim().length === 0 || p.question.length > LIMITS.pollQuestionLength) return false;
	if (typeof p.open !== 'boolean' || typeof p.createdAt !== 'number' || !Number.isFinite(p.createdAt)) return false;
	if (!Array.isArray(p.options)) return false;
	const choices = p.kind === 'single' || p.kind === 'multiple';
	if (!choices) return p.options.length === 0;
	return (
		p.options.length >= 2 && p.options.length <= LIMITS.pollOptionsMax &&
		p.options.every((o) => typeof o === 'string' && o.trim().length > 0 && o.length <= LIMITS.pollOptionLength)
	);
}

/** Is `answer` a well-formed answer to `poll`? */
export function isAnswerTo(poll: Poll, answer: unknown): answer is Answer {
	const isIndex = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < poll.options.length;
	switch (poll.kind) {
		case 'single':
			return isIndex(answer);
		case 'multiple':
			return (
				Array.isArray(answer) && answer.length >= 1 && answer.every(isIndex) &&
				answer.every((n, i) => i === 0 || n > answer[i - 1]) // sorted, distinct
			);
		case 'scale':
			return (SCALE as readonly unknown[]).includes(answer);
		case 'word':
			return typeof answer === 'string' && answer.trim().length > 0 && answer.length <= LIMITS.pollWordLength && !/[\r\n]/.test(answer);
	}
}

export function isShow(value: unknown): value is Show {
	if (value === null) return true;
	if (typeof value !== 'object') return false;
	const v = value as Record<string, unknown>;
	const keys = Object.keys(v);
	const id = (x: unknown, nullable: boolean) => (nullable && x === null) || (typeof x === 'string' && /^[a-z0-9-]{1,40}$/.test(x));
	if (v.kind === 'poll') return keys.length === 2 && id(v.pollId, false);
	if (v.kind === 'cloud' || v.kind === 'results') return keys.length === 2 && 'axisId' in v && id(v.axisId, true);
	return false;
}

export interface Tally {
	/** People who answered. */
	respondents: number;
	/** Per choice (single, multiple) or per scale value 1–5: how many chose it. Empty for word polls. */
	counts: number[];
	/** Scale polls: the mean answer, null before any. */
	mean: number | null;
	/** Word polls: the words as given (the word cloud counts them). */
	words: string[];
}

/** Counts a poll's answers, ignoring any that do not fit it. */
export function tally(poll: Poll, answers: Answer[]): Tally {
	const valid = answers.filter((a) => isAnswerTo(poll, a));
	const size = poll.kind === 'scale' ? SCALE.length : poll.options.length;
	const counts = new Array<number>(size).fill(0);
	for (const answer of valid) {
		if (poll.kind === 'single') counts[answer as number]++;
		else if (poll.kind === 'multiple') for (const i of answer as number[]) counts[i]++;
		else if (poll.kind === 'scale') counts[(answer as number) - 1]++;
	}
	const mean = poll.kind === 'scale' && valid.length ? (valid as number[]).reduce((s, n) => s + n, 0) / valid.length : null;
	return { respondents: valid.length, counts, mean, words: poll.kind === 'word' ? (valid as string[]).map((w) => w.trim()) : [] };
}

/** The labels of a poll's bars: its choices, or 1–5. */
export function choiceLabels(poll: Poll): string[] {
	return poll.kind === 'scale' ? SCALE.map(String) : poll.options;
}
