import type { Board } from '$lib/board/board.svelte';
import type { Note } from '$lib/board/doc';
import { showsVoteCounts, type SessionState } from '$lib/board/session';

/**
 * Past this many notes in one list, the columns and the outline render only
 * the notes on screen (VirtualNotes, virtua): a plenary's board holds up to
 * LIMITS.notesPerBoard. Below it, every note is in the page (find in page, print).
 */
export const VIRTUAL_FROM = 150;

/**
 * Results are shown, and notes ranked by votes, from the vote phase on;
 * during the vote only if the facilitator shows counts live (facilitators always see them).
 */
export function showsResults(state: Pick<SessionState, 'phase' | 'liveVotes'>, facilitator = false): boolean {
	const from = state.phase === 'vote' || state.phase === 'synthesis' || state.phase === 'closed';
	return from && (facilitator || showsVoteCounts(state));
}

/**
 * The notes of an axis as the columns and the outline list them: hidden notes
 * only for moderators (marked), most votes first once results show, else oldest first.
 */
export function axisNotes(board: Board, axisId: string, { moderator, ranked }: { moderator: boolean; ranked: boolean }): Note[] {
	const notes = board.notesOf(axisId).filter((note) => moderator || !note.hidden);
	// notesOf is oldest first already: sorted only to rank.
	return ranked ? notes.sort((a, b) => board.allVotes(b) - board.allVotes(a) || a.createdAt - b.createdAt) : notes;
}

/**
 * How many notes this person sees in an axis: the board's, plus their own private ones
 * while private writing is on (`mine`: null otherwise), within the console's word filter
 * (`keeps`). Tabs and column headings agree.
 */
export function axisCount(board: Board, mine: Board | null, axisId: string, moderator: boolean, keeps = (_text: string) => true): number {
	const shared = board.notesOf(axisId).filter((note) => (moderator || !note.hidden) && keeps(note.text)).length;
	return shared + (mine ? mine.notesOf(axisId).length : 0);
}
