/**
 * The Decidim export: a proposals import file for a Decidim "Proposals"
 * component (admin → Import from a file). Decidim's own source is the
 * reference (decidim-proposals `Import::ProposalCreator` and
 * `ProposalsVerifier`, decidim-admin `Import::Readers::JSON`): a JSON array of
 * flat objects whose keys are the headers; `title/<locale>` and
 * `body/<locale>` for the organisation's default locale are required; `id` is
 * ignored and other keys are unused. Trame writes the French keys
 * (`title/fr`, `body/fr`), the workshop's language. One proposal per note
 * (default) or per group; the body cites the axis synthesis when it cites the
 * note, and names the workshop, the votes and the licence.
 */
import { citationOf } from '../board/citations';
import { LABELS } from './labels';
import { rankedNotes } from './tables';
import type { BoardOutcome, Outcome, OutcomeAxis, OutcomeNote } from './types';

export const DECIDIM_UNITS = ['note', 'group'] as const;
export type DecidimUnit = (typeof DECIDIM_UNITS)[number];

export interface DecidimProposal {
	'title/fr': string;
	'body/fr': string;
}

export interface DecidimOptions {
	/** One proposal per note (default) or per group. */
	by?: DecidimUnit;
}

/** Decidim's proposal form takes titles up to 150 characters. */
export const DECIDIM_TITLE_MAX = 150;
const t = LABELS.fr;

function titleOf(text: string): string {
	const line = text.trim().split(/\r\n|\r|\n/)[0].trim();
	return line.length <= DECIDIM_TITLE_MAX ? line : `${line.slice(0, DECIDIM_TITLE_MAX - 1).trimEnd()}…`;
}

function context(board: BoardOutcome, axis: OutcomeAxis | undefined, outcome: Outcome): string {
	const where = `Atelier${t.colon}${board.title}${axis ? ` — ${t.axes.replace(/s$/, '').toLowerCase()}${t.colon}${axis.title}` : ''}`;
	return `${where}. ${t.licence}${t.colon}${outcome.licence.name}${outcome.licence.url ? ` (${outcome.licence.url})` : ''}.`;
}

function citation(axis: OutcomeAxis | undefined, ids: string[]): string | null {
	if (!axis?.synthesis.trim() || !ids.some((id) => axis.cited?.includes(id))) return null;
	return `${t.synthesis} (${ids.filter((id) => axis.cited?.includes(id)).map(citationOf).join(', ')})${t.colon}«\u00a0${axis.synthesis.trim()}\u00a0»`;
}

function noteProposal(outcome: Outcome, board: BoardOutcome, note: OutcomeNote): DecidimProposal {
	const axis = board.axes.find((a) => a.id === note.axisId);
	const votes = t.votes(note.votes) + (note.roomVotes ? `, ${t.roomVotes(note.roomVotes)}` : '');
	const body = [note.text.trim(), `Note ${citationOf(note.id)} — ${votes}.`, citation(axis, [note.id]), context(board, axis, outcome)];
	return { 'title/fr': titleOf(note.text), 'body/fr': body.filter(Boolean).join('\n\n') };
}

function groupProposal(outcome: Outcome, board: BoardOutcome, groupId: string, title: string): DecidimProposal | null {
	const notes = rankedNotes(board).map((r) => r.note).filter((n) => n.groupId === groupId && n.text.trim());
	if (notes.length === 0) return null;
	const axis = board.axes.find((a) => a.id === notes[0].axisId);
	const list = notes.map((n) => `- ${n.text.trim().replace(/\s*\n\s*/g, ' ')} (${t.votes(n.votes)})`).join('\n');
	const body = [list, citation(axis, notes.map((n) => n.id)), context(board, axis, outcome)];
	return { 'title/fr': titleOf(title.trim() || notes[0].text), 'body/fr': body.filter(Boolean).join('\n\n') };
}

export function decidimProposals(outcome: Outcome, options: DecidimOptions = {}): DecidimProposal[] {
	return outcome.boards.flatMap((board) => {
		if (options.by === 'group') {
			return board.groups.flatMap((g) => groupProposal(outcome, board, g.id, g.title) ?? []);
		}
		// Decidim refuses an empty title or body: empty notes are not proposals.
		return rankedNotes(board).filter(({ note }) => note.text.trim()).map(({ note }) => noteProposal(outcome, board, note));
	});
}

export function toDecidim(outcome: Outcome, options: DecidimOptions = {}): string {
	return JSON.stringify(decidimProposals(outcome, options), null, 2) + '\n';
}
