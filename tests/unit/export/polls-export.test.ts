import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Ajv } from 'ajv';
import * as Y from 'yjs';
import { answerPoll, createPoll, setPollOpen } from '../../../src/lib/board/polls';
import { snapshotOutcome } from '../../../src/lib/export/snapshot';
import { toMarkdown } from '../../../src/lib/export/markdown';
import { toCsv } from '../../../src/lib/export/csv';
import { toJsonExport } from '../../../src/lib/export/json';
import { fixtureBoard, FIXED_NOW } from './fixture';
import { parseCsv } from './parse-csv';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../../static/schema/trame-export-v1.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const T = Date.UTC(2026, 10, 25, 10);

function boardWithPolls() {
	const source = fixtureBoard();
	const session = source.session ?? new Y.Doc();
	createPoll(session, { id: 'p1', kind: 'single', question: 'Où travaillez-vous ?', options: ['Bibliothèque', 'Mairie'], createdAt: T });
	createPoll(session, { id: 'p2', kind: 'scale', question: 'Utile ?', createdAt: T + 1 });
	createPoll(session, { id: 'p3', kind: 'word', question: 'Un mot', createdAt: T + 2 });
	setPollOpen(session, 'p1', false);
	answerPoll(source.doc, 'pA', 'p1', 0);
	answerPoll(source.doc, 'pB', 'p1', 0);
	answerPoll(source.doc, 'pC', 'p1', 1);
	answerPoll(source.doc, 'pA', 'p2', 4);
	answerPoll(source.doc, 'pB', 'p2', 5);
	answerPoll(source.doc, 'pA', 'p3', 'Partage');
	answerPoll(source.doc, 'pB', 'p3', 'partage ');
	return snapshotOutcome({ boards: [{ ...source, session }] }, { now: FIXED_NOW });
}

describe('polls in the exports', () => {
	test('JSON: each poll with its counts, no participant id, valid against the schema', () => {
		const outcome = boardWithPolls();
		const [single, scale, word] = outcome.boards[0].polls!;
		expect(single).toMatchObject({ kind: 'single', open: false, respondents: 3, results: [{ label: 'Bibliothèque', count: 2 }, { label: 'Mairie', count: 1 }] });
		expect(scale).toMatchObject({ respondents: 2, mean: 4.5, open: true });
		expect(scale.results.map((r) => r.count)).toEqual([0, 0, 0, 1, 1]);
		expect(word).toMatchObject({ results: [], words: [{ word: 'partage', count: 2 }] });
		const json = toJsonExport(outcome);
		expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
		expect(JSON.stringify(json)).not.toMatch(/"p[ABC]"/);
	});

	test('a board without polls has no polls key (older files stay as they were)', () => {
		const outcome = snapshotOutcome({ boards: [fixtureBoard()] }, { now: FIXED_NOW });
		expect(outcome.boards[0]).not.toHaveProperty('polls');
	});

	test('Markdown: a polls section in French and in English', () => {
		const fr = toMarkdown(boardWithPolls());
		expect(fr).toContain('## Sondages\n\n### Où travaillez-vous ?\n\n*choix unique · 3 réponses*\n\n- Bibliothèque\u00a0: 2\n- Mairie\u00a0: 1');
		expect(fr).toContain('*échelle de 1 à 5 · 2 réponses · moyenne 4,5 sur 5 · encore ouvert*');
		expect(toMarkdown(boardWithPolls(), { lang: 'en' })).toContain('## Polls');
	});

	test('CSV: one row per choice after the notes, the question in the group column', () => {
		const rows = parseCsv(toCsv(boardWithPolls()).slice(1), ',');
		const polls = rows.filter((r) => r[1] === '' && r[2] === 'Où travaillez-vous ?');
		expect(polls.map((r) => [r[3], r[4]])).toEqual([['Bibliothèque', '2'], ['Mairie', '1']]);
		expect(rows.some((r) => r[2] === 'Un mot' && r[3] === 'partage' && r[4] === '2')).toBe(true);
	});
});
