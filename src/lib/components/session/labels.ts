import { m } from '$lib/paraglide/messages.js';
import type { Phase, SessionState } from '$lib/board/session';

const PHASE_NAMES: Record<Phase, () => string> = {
	collect: m.phase_collect,
	group: m.phase_group,
	vote: m.phase_vote,
	synthesis: m.phase_synthesis,
	closed: m.phase_closed
};

export function phaseName(phase: Phase): string {
	return PHASE_NAMES[phase]();
}

/** What the current phase lets a participant do, in plain words. */
export function phaseHelp(session: SessionState, votesLeft: number): string {
	if (session.locked && session.phase !== 'closed') return m.help_locked();
	switch (session.phase) {
		case 'collect':
			if (session.premoderation) return `${m.help_collect()} ${m.help_premoderation()}`;
			return session.privateWriting ? m.help_collect_private() : m.help_collect();
		case 'group':
			return m.help_group();
		case 'vote':
			return m.help_vote({ count: votesLeft });
		case 'synthesis':
			return m.help_synthesis();
		case 'closed':
			return m.help_closed();
	}
}

/** "04:59" */
export function formatDuration(ms: number): string {
	const seconds = Math.ceil(ms / 1000);
	return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The id of the banner's « votes all used » line, which every greyed « +1 » points to (aria-describedby). */
export const VOTE_BUDGET_REASON = 'vote-budget-reason';
