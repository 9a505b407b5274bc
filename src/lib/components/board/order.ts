import type { Board } from '$lib/board/board.svelte';
import type { Note } from '$lib/board/doc';
import { showsVoteCounts, type SessionState } from '$lib/board/session';

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
	return board
		.notesOf(axisId)
		.filter((note) => moderator || !note.hidden)
		.sort((a, b) => (ranked ? board.allVotes(b) - board.allVotes(a) : 0) || a.createdAt - b.createdAt);
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
