/**
 * What each role may do in each phase (issue: facilitation). The server
 * enforces it on every update (validate.ts); the UI uses it to show only
 * what works and to say what the phase allows.
 */
import { hasPrivateNotes, type Role } from '../shared/roles';
import type { Phase, SessionState } from './session';

export interface Permissions {
	/** Add a note to the board. */
	addNote: boolean;
	/** Edit the text, colour or axis of notes; delete your own. */
	editNote: boolean;
	/** Put notes into groups, name and move groups. */
	group: boolean;
	/** Cast and withdraw votes. */
	vote: boolean;
	/** Hide, delete any note, restore (facilitators). */
	moderate: boolean;
}

const NONE: Permissions = { addNote: false, editNote: false, group: false, vote: false, moderate: false };
const ALL: Permissions = { addNote: true, editNote: true, group: true, vote: true, moderate: true };

const PARTICIPANT_BY_PHASE: Record<Phase, Permissions> = {
	collect: { ...NONE, addNote: true, editNote: true },
	group: { ...NONE, editNote: true, group: true },
	vote: { ...NONE, vote: true },
	synthesis: NONE,
	closed: NONE
};

export function permissionsOf(role: Role, session: Pick<SessionState, 'phase' | 'locked' | 'privateWriting'>): Permissions {
	if (role === 'organiser') return ALL;
	if (role === 'projector') return NONE;
	if (session.phase === 'closed') return NONE;
	if (role === 'facilitator') return ALL;
	if (session.locked) return NONE;
	return PARTICIPANT_BY_PHASE[session.phase];
}

/** While true, participants' new notes go to their private documents (private writing, or pre-moderation). */
export function isPrivatePhase(session: Pick<SessionState, 'phase' | 'privateWriting' | 'premoderation'>): boolean {
	return session.premoderation || (session.privateWriting && session.phase === 'collect');
}

/** Participants write to their private document (not the board) while private writing or pre-moderation is on. */
export function writesPrivately(role: Role, session: Pick<SessionState, 'phase' | 'privateWriting' | 'premoderation'>): boolean {
	return isPrivatePhase(session) && hasPrivateNotes(role);
}

export function nextPhase(phase: Phase): Phase | null {
	const order: Phase[] = ['collect', 'group', 'vote', 'synthesis', 'closed'];
	return order[order.indexOf(phase) + 1] ?? null;
}
