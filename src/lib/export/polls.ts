/**
 * The quick polls of a board as export data (issue 15): each poll with its
 * counts, never who answered. One-word answers are counted as written
 * (trimmed, lower-cased): the stemmed word cloud is a picture, the export
 * keeps the words themselves.
 */
import type * as Y from 'yjs';
import { choiceLabels, readAnswers, readPolls, tally } from '../board/polls';
import type { OutcomePoll } from './types';

export function pollOutcomes(board: Y.Doc, session: Y.Doc | null): OutcomePoll[] {
	if (!session) return [];
	return readPolls(session).map((poll) => {
		const t = tally(poll, readAnswers(board, poll.id));
		const out: OutcomePoll = {
			id: poll.id,
			kind: poll.kind,
			question: poll.question,
			open: poll.open,
			createdAt: new Date(poll.createdAt).toISOString(),
			respondents: t.respondents,
			results: poll.kind === 'word' ? [] : choiceLabels(poll).map((label, i) => ({ label, count: t.counts[i] ?? 0 }))
		};
		if (t.mean !== null) out.mean = Math.round(t.mean * 100) / 100;
		if (poll.kind === 'word') out.words = countAsWritten(t.words);
		return out;
	});
}

function countAsWritten(words: string[]): { word: string; count: number }[] {
	const counts = new Map<string, number>();
	for (const w of words) counts.set(w.toLowerCase(), (counts.get(w.toLowerCase()) ?? 0) + 1);
	return [...counts].map(([word, count]) => ({ word, count })).sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
}
