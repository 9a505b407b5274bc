/**
 * The quick polls' part of the Markdown report (issue 15): per poll, its
 * question, how many answered, and the counts. Its own few words, so the
 * report's dictionary (labels.ts) stays as it is.
 */
import type { ExportLang, OutcomePoll } from './types';
import { colon, countOf } from '../i18n/typography';

const WORDS = {
	fr: {
		polls: 'Sondages',
		colon: colon('fr'),
		kinds: { single: 'choix unique', multiple: 'choix multiple', scale: 'échelle de 1 à 5', word: 'un mot' },
		answers: (n: number) => countOf('fr', n, { one: 'réponse', other: 'réponses' }),
		mean: (m: number) => `moyenne ${String(m).replace('.', ',')} sur 5`,
		open: 'encore ouvert',
		noAnswer: 'Aucune réponse.'
	},
	en: {
		polls: 'Polls',
		colon: colon('en'),
		kinds: { single: 'single choice', multiple: 'multiple choice', scale: 'scale from 1 to 5', word: 'one word' },
		answers: (n: number) => countOf('en', n, { one: 'answer', other: 'answers' }),
		mean: (m: number) => `mean ${m} out of 5`,
		open: 'still open',
		noAnswer: 'No answers.'
	}
} as const;

/** The blocks of the polls section; none when the board had no polls. */
export function pollsSection(
	polls: OutcomePoll[] | undefined,
	level: number,
	lang: ExportLang,
	heading: (level: number, text: string) => string,
	escape: (line: string) => string
): string[] {
	if (!polls?.length) return [];
	const t = WORDS[lang];
	const out = [heading(level, t.polls)];
	for (const poll of polls) {
		out.push(heading(level + 1, poll.question));
		const facts = [t.kinds[poll.kind], t.answers(poll.respondents)];
		if (poll.mean !== undefined) facts.push(t.mean(poll.mean));
		if (poll.open) facts.push(t.open);
		out.push(`*${facts.join(' · ')}*`);
		const items = poll.kind === 'word' ? (poll.words ?? []).map((w) => [w.word, w.count] as const) : poll.results.map((r) => [r.label, r.count] as const);
		out.push(items.length ? items.map(([label, n]) => `- ${escape(label)}${t.colon}${n}`).join('\n') : `*${t.noAnswer}*`);
	}
	return out;
}
