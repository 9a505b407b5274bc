import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Ajv } from 'ajv';
import * as Y from 'yjs';
import { initBoard, addNote } from '../../../src/lib/board/doc';
import { snapshotOutcome, type EventSource } from '../../../src/lib/export/snapshot';
import { toMarkdown } from '../../../src/lib/export/markdown';
import { BOM, CSV_COLUMNS, CSV_HEADERS_FR, toCsv } from '../../../src/lib/export/csv';
import { toJson, toJsonExport } from '../../../src/lib/export/json';
import { fixtureBoard, FIXED_NOW } from './fixture';
import { parseCsv } from './parse-csv';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../../static/schema/trame-export-v1.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

const boardOutcome = (includeAuthors = false) => snapshotOutcome({ boards: [fixtureBoard()] }, { now: FIXED_NOW, includeAuthors });

const EVENT: EventSource = {
	id: 'event1',
	title: 'Numérique en commun(s) 2026',
	startsOn: '2026-11-25',
	endsOn: '2026-11-26',
	place: 'Lyon',
	description: 'Rencontres nationales.',
	licence: 'cc-by-sa-4.0'
};

function secondBoard() {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Atelier bis', axes: [{ id: 'idees', title: 'Idées', description: '' }] });
	addNote(doc, { id: 'm1', axisId: 'idees', authorId: 'pZ', text: 'Une idée', createdAt: Date.UTC(2026, 10, 26, 9) });
	addNote(doc, { id: 'm2', axisId: 'idees', authorId: 'pA', text: 'Une autre', createdAt: Date.UTC(2026, 10, 26, 9, 5) });
	return { id: 'board2', title: 'Atelier bis', createdAt: Date.UTC(2026, 10, 26, 8), licence: 'unpublished' as const, doc, session: null };
}

describe('snapshot', () => {
	test('is anonymous by default: no author, no participant id anywhere', () => {
		const outcome = boardOutcome();
		expect(outcome.boards[0].notes.every((n) => !('author' in n))).toBe(true);
		const all = JSON.stringify(outcome);
		for (const id of ['pA', 'pB', 'pC', 'pD']) expect(all).not.toContain(`"${id}"`);
	});

	test('with includeAuthors, authors are "Participant N" by first appearance, across boards', () => {
		const outcome = snapshotOutcome({ event: EVENT, boards: [fixtureBoard(), secondBoard()] }, { includeAuthors: true, now: FIXED_NOW });
		const authors = outcome.boards.flatMap((b) => b.notes.map((n) => n.author));
		// pA wrote first, then pB, pC, pD; the room's note has no author; board 2 adds pZ and pA again (same pseudonym).
		expect(authors).toEqual(['Participant 1', 'Participant 2', 'Participant 1', 'Participant 3', 'Participant 4', 'Participant 2', 'Participant 3', 'Participant 1', undefined, 'Participant 5', 'Participant 1']);
	});

	test('leaves out hidden notes, sums votes, carries syntheses, phase and licence', () => {
		const [board] = boardOutcome().boards;
		expect(board.notes.map((n) => n.id)).not.toContain('n09');
		expect(board.notes.find((n) => n.id === 'n02')!.votes).toBe(3);
		// A note for the room: marked, and its raised hands counted in its votes and apart.
		expect(board.notes.find((n) => n.id === 'n10')).toMatchObject({ votes: 7, roomVotes: 6, room: true });
		expect(board.notes.find((n) => n.id === 'n02')).not.toHaveProperty('room');
		expect(board.axes.find((a) => a.id === 'donnees')!.synthesis).toBe('Ouvrir, mais protéger.');
		expect(board.axes.find((a) => a.id === 'communs')!.synthesis).toBe('');
		expect(board.phase).toBe('closed');
		expect(board.licence).toEqual({ id: 'etalab-2.0', name: 'Licence Ouverte Etalab 2.0', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' });
	});
});

describe('markdown', () => {
	test('matches the reviewed golden report', async () => {
		await expect(toMarkdown(boardOutcome())).toMatchFileSnapshot('./golden/board.md');
		const event = snapshotOutcome({ event: EVENT, boards: [fixtureBoard(), secondBoard()] }, { includeAuthors: true, now: FIXED_NOW });
		await expect(toMarkdown(event, { lang: 'en' })).toMatchFileSnapshot('./golden/event.en.md');
	});

	test('every visible note is in the report, Markdown and HTML in notes are neutralised', () => {
		const md = toMarkdown(boardOutcome());
		expect(md).toContain('Données ouvertes 📊🔓 pour tous 👩🏽‍💻 (1 vote)');
		expect(md).toContain('البيانات المفتوحة للجميع (1 vote)');
		expect(md).not.toContain('Note masquée');
		expect(md).not.toContain('<script>');
		expect(md).not.toMatch(/^# Pas un titre/m);
		// Ranked by votes: the note with 3 votes comes first in its axis.
		expect(md).toMatch(/1\. Un "café numérique" chaque mois \(3 votes\)\n2\. Ouvrir la médiathèque/);
	});
});

describe('csv', () => {
	test('matches the reviewed golden file', async () => {
		await expect(toCsv(boardOutcome(true))).toMatchFileSnapshot('./golden/board.csv');
	});

	test('UTF-8 BOM, CRLF records, and every note text comes back intact through an RFC 4180 parser', () => {
		const csv = toCsv(boardOutcome());
		expect(csv.startsWith(BOM)).toBe(true);
		expect(csv.slice(BOM.length).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
		const rows = parseCsv(csv.slice(BOM.length), ',');
		expect(rows[0]).toEqual([...CSV_COLUMNS]);
		const byText = new Map(rows.slice(1).map((r) => [r[3], r]));
		for (const note of boardOutcome().boards[0].notes) {
			const expected = note.text.startsWith('=') ? `'${note.text}` : note.text;
			expect(byText.get(expected), note.text).toBeDefined();
			expect(byText.get(expected)![4]).toBe(String(note.votes));
			expect(byText.get(expected)![6]).toBe('');
		}
		expect(rows).toHaveLength(1 + 9);
		// The room's note: 7 votes of which 6 hands raised, marked as the room's.
		expect(rows.find((r) => r[3] === 'Un atelier papier à la bibliothèque')!.slice(4)).toEqual(['7', '2026-11-25T08:39:00.000Z', '', '6', '1']);
		expect(rows.find((r) => r[3] === 'Un "café numérique" chaque mois')!.slice(0, 3)).toEqual([
			'Atelier « Données, lieux & communs »', 'Lieux', 'Horaires et rendez-vous'
		]);
	});

	test('a semicolon separator for spreadsheets in a French locale', () => {
		const rows = parseCsv(toCsv(boardOutcome(), { separator: ';' }).slice(BOM.length), ';');
		expect(rows[0]).toEqual([...CSV_COLUMNS]);
		// A French export reads in French, column for column; English keeps the identifiers.
		const french = parseCsv(toCsv(boardOutcome(), { separator: ';', lang: 'fr' }).slice(BOM.length), ';');
		expect(french[0]).toEqual([...CSV_HEADERS_FR]);
		expect(french.slice(1)).toEqual(rows.slice(1));
		expect(parseCsv(toCsv(boardOutcome(), { lang: 'en' }).slice(BOM.length), ',')[0]).toEqual([...CSV_COLUMNS]);
		expect(rows.map((r) => r[3])).toContain('Première ligne\nDeuxième ligne, avec virgule\n\n- pas une liste');
	});
});

describe('json', () => {
	test('matches the reviewed golden file and its JSON Schema', async () => {
		const json = toJson(boardOutcome(), { origin: 'https://trame.example.org' });
		await expect(json).toMatchFileSnapshot('./golden/board.json');
		expect(validate(JSON.parse(json)), JSON.stringify(validate.errors)).toBe(true);
	});

	test('an event export with authors is valid too', () => {
		const event = snapshotOutcome({ event: EVENT, boards: [fixtureBoard(), secondBoard()] }, { includeAuthors: true, now: FIXED_NOW });
		const data = toJsonExport(event);
		expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
		expect(data.$schema).toBe('/schema/trame-export-v1.schema.json');
		expect(data.licence.id).toBe('cc-by-sa-4.0');
	});

	test('the schema refuses what the format forbids: a real name as author, a missing licence', () => {
		const data = toJsonExport(boardOutcome(true));
		data.boards[0].notes[0].author = 'Alice Martin';
		expect(validate(data)).toBe(false);
		const { licence: _licence, ...noLicence } = toJsonExport(boardOutcome());
		expect(validate(noLicence)).toBe(false);
	});
});
