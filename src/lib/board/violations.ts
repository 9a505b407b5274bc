/**
 * The rules an update can break (the close reason after `update_refused:`)
 * and who is writing. Shared by the board, session and private-notes checks.
 */
import type { Role } from '../shared/roles';

export const Violation = {
	readOnly: 'read_only',
	unknownType: 'unknown_type',
	metaForbidden: 'meta_forbidden',
	badMeta: 'bad_meta',
	badNote: 'bad_note',
	unknownAxis: 'unknown_axis',
	notYourNote: 'not_your_note',
	immutableField: 'immutable_field',
	noteTooLong: 'note_too_long',
	tooManyNotes: 'too_many_notes',
	notYourVote: 'not_your_vote',
	badVote: 'bad_vote',
	incomplete: 'incomplete_update',
	/** The current phase does not allow this (e.g. a vote during Collect). */
	wrongPhase: 'not_in_this_phase',
	/** The facilitator locked the board: participants are read-only. */
	locked: 'board_locked',
	/** The session is closed: read-only for everyone but organisers. */
	closed: 'session_closed',
	/** Private writing is on: participants' new notes go to their private document. */
	privateWriting: 'private_writing',
	/** Private writing is off: the private document takes no writes. */
	privateWritingOff: 'private_writing_off',
	voteBudget: 'vote_budget_exceeded',
	votesPerNote: 'votes_per_note_exceeded',
	badGroup: 'bad_group',
	tooManyGroups: 'too_many_groups',
	/** Only facilitators and organisers write the session document. */
	sessionForbidden: 'session_forbidden',
	badSession: 'bad_session',
	/** A session field only the server writes (private note counts). */
	serverOnly: 'server_only',
	synthesisTooLong: 'synthesis_too_long',
	/** A quick poll's definition is malformed, or changed beyond opening and closing (polls.ts). */
	badPoll: 'bad_poll',
	tooManyPolls: 'too_many_polls',
	/** An answer to a poll that is closed or unknown. */
	pollClosed: 'poll_closed',
	/** Answers are keyed by the writer's own participant id. */
	notYourAnswer: 'not_your_answer',
	/** One answer per participant: once given, it is neither changed nor withdrawn. */
	answerFinal: 'answer_final',
	badAnswer: 'bad_answer'
} as const;
export type Violation = (typeof Violation)[keyof typeof Violation];

export interface Writer {
	role: Role;
	/** Derived from the connection's key; null only for projectors. */
	participantId: string | null;
}
