/**
 * The spreadsheet exports, OpenDocument (`ods`, which the RGI recommends to
 * French administrations) and Office Open XML (`xlsx`), written by SheetJS:
 * a first sheet saying what the file holds (board, date, licence, the meaning
 * of each column), one sheet per axis (notes ranked by votes, with their
 * group and the room's marks), then the syntheses. Every text goes in as a
 * string cell, never a formula: "=1+1" stays that text and is not computed,
 * with no apostrophe added (unlike the CSV export, where only the leading
 * character can say so).
 */
import * as XLSX from 'xlsx';
import { citationOf } from '../board/citations';
import { calendarDate } from './format';
import { rankedNotes } from './tables';
import type { BoardOutcome, ExportLang, Outcome } from './types';

export type SpreadsheetType = 'ods' | 'xlsx';

export interface SpreadsheetOptions {
	lang?: ExportLang;
	timeZone?: string;
}

type Row = (string | number)[];

const WORDS = {
	fr: {
		about: 'À propos', syntheses: 'Synthèses', title: 'Résultats d’atelier exportés de Trame', board: 'Atelier', event: 'Événement',
		date: 'Date de l’export', licence: 'Licence', licenceText: 'Texte de la licence', sheet: 'Feuille', column: 'Colonne', meaning: 'Signification',
		axisSheet: 'Une feuille par axe', moderated: 'Les notes masquées par la modération sont exclues ; qui a voté n’est jamais exporté.',
		yes: 'oui',
		columns: {
			rank: ['Rang', 'Rang dans l’axe par nombre de votes (1 = le plus de votes)'],
			text: ['Note', 'Texte de la note, tel qu’écrit'],
			votes: ['Votes', 'Nombre total de votes, mains levées comprises'],
			roomVotes: ['Mains levées', 'Dont votes à main levée dans la salle'],
			group: ['Groupe', 'Groupe de la note (vide hors groupe)'],
			room: ['Au nom de la salle', '« oui » pour une note écrite au nom de la salle'],
			createdAt: ['Écrite le', 'Date et heure (UTC, ISO 8601)'],
			author: ['Auteur', 'Pseudonyme « Participant N » (si l’organisateur l’a demandé)'],
			boardTitle: ['Atelier', 'Titre de l’atelier'],
			axis: ['Axe', 'Titre de l’axe'],
			synthesis: ['Synthèse', 'Synthèse rédigée par l’animation'],
			cited: ['Notes citées', 'Les notes que la synthèse cite, avec leur code (#…)']
		}
	},
	en: {
		about: 'About', syntheses: 'Syntheses', title: 'Workshop outcomes exported from Trame', board: 'Workshop', event: 'Event',
		date: 'Exported on', licence: 'Licence', licenceText: 'Licence text', sheet: 'Sheet', column: 'Column', meaning: 'Meaning',
		axisSheet: 'One sheet per axis', moderated: 'Notes hidden by moderation are left out; who voted is never exported.',
		yes: 'yes',
		columns: {
			rank: ['Rank', 'Rank in the axis by votes (1 = most votes)'],
			text: ['Note', 'The note’s text, as written'],
			votes: ['Votes', 'Total votes, hands raised included'],
			roomVotes: ['Hands raised', 'Of which hands raised in the room'],
			group: ['Group', 'The note’s group (empty when none)'],
			room: ['On behalf of the room', '"yes" for a note written on behalf of the room'],
			createdAt: ['Written', 'Date and time (UTC, ISO 8601)'],
			author: ['Author', '"Participant N" pseudonym (when the organiser asked)'],
			boardTitle: ['Workshop', 'Workshop title'],
			axis: ['Axis', 'Axis title'],
			synthesis: ['Synthesis', 'The facilitators’ synthesis'],
			cited: ['Cited notes', 'The notes the synthesis cites, with their code (#…)']
		}
	}
} as const;

type Words = (typeof WORDS)[ExportLang];
type ColumnKey = keyof Words['columns'];

const AXIS_COLUMNS: ColumnKey[] = ['rank', 'text', 'votes', 'roomVotes', 'group', 'room', 'createdAt'];
/** Column widths in characters, so the file opens readable (SheetJS `!cols`). */
const WIDTH: Record<ColumnKey, number> = {
	rank: 6, text: 60, votes: 7, roomVotes: 13, group: 28, room: 18, createdAt: 25, author: 15, boardTitle: 30, axis: 18, synthesis: 70, cited: 60
};
const SYNTHESIS_COLUMNS: ColumnKey[] = ['boardTitle', 'axis', 'synthesis', 'cited'];

/** A sheet name Excel and LibreOffice accept: no []:*?/\, at most 31 characters, unique in the book. */
function sheetName(wanted: string, taken: Set<string>): string {
	const base = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || '-';
	let name = base;
	for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
	taken.add(name.toLowerCase());
	return name;
}

function axisRows(board: BoardOutcome, axisId: string, columns: ColumnKey[], t: Words): Row[] {
	const groups = new Map(board.groups.map((g) => [g.id, g.title]));
	return rankedNotes(board)
		.filter(({ note }) => note.axisId === axisId)
		.map(({ note, rank }) => {
			const cell: Record<ColumnKey, string | number> = {
				rank, text: note.text, votes: note.votes, roomVotes: note.roomVotes ?? 0,
				group: note.groupId ? (groups.get(note.groupId) ?? '') : '', room: note.room ? t.yes : '',
				createdAt: note.createdAt, author: note.author ?? '', boardTitle: board.title, axis: '', synthesis: '', cited: ''
			};
			return columns.map((c) => cell[c]);
		});
}

function synthesisRows(outcome: Outcome): Row[] {
	return outcome.boards.flatMap((board) =>
		board.axes.map((axis) => {
			const cited = (axis.cited ?? []).flatMap((id) => board.notes.filter((n) => n.id === id));
			return [board.title, axis.title, axis.synthesis, cited.map((n) => `${citationOf(n.id)} ${n.text}`).join('\n')];
		})
	);
}

function aboutRows(outcome: Outcome, axisColumns: ColumnKey[], t: Words, timeZone: string, synthesesSheet: string): Row[] {
	const explain = (sheet: string, columns: ColumnKey[]): Row[] => columns.map((c) => [sheet, t.columns[c][0], t.columns[c][1]]);
	const facts: Row[] = [[t.title]];
	if (outcome.event) facts.push([t.event, outcome.event.title]);
	for (const board of outcome.boards) facts.push([t.board, board.title]);
	facts.push([t.date, calendarDate(outcome.generatedAt, timeZone)], [t.licence, outcome.licence.name]);
	if (outcome.licence.url) facts.push([t.licenceText, outcome.licence.url]);
	facts.push([t.moderated], [], [t.sheet, t.column, t.meaning]);
	return [...facts, ...explain(t.axisSheet, axisColumns), ...explain(synthesesSheet, SYNTHESIS_COLUMNS)];
}

function sheet(rows: Row[], widths: number[]): XLSX.WorkSheet {
	const ws = XLSX.utils.aoa_to_sheet(rows);
	ws['!cols'] = widths.map((wch) => ({ wch }));
	return ws;
}

export function toWorkbook(outcome: Outcome, options: SpreadsheetOptions = {}): XLSX.WorkBook {
	const t = WORDS[options.lang ?? 'fr'];
	const withAuthors = outcome.boards.some((b) => b.notes.some((n) => n.author));
	const columns: ColumnKey[] = withAuthors ? [...AXIS_COLUMNS, 'author'] : AXIS_COLUMNS;
	const book = XLSX.utils.book_new();
	const taken = new Set<string>();
	const about = sheetName(t.about, taken);
	const syntheses = sheetName(t.syntheses, taken);
	XLSX.utils.book_append_sheet(book, sheet(aboutRows(outcome, columns, t, options.timeZone ?? 'Europe/Paris', syntheses), [24, 30, 70]), about);
	const several = outcome.boards.length > 1;
	outcome.boards.forEach((board, i) => {
		for (const axis of board.axes) {
			const rows = [columns.map((c) => t.columns[c][0]), ...axisRows(board, axis.id, columns, t)];
			XLSX.utils.book_append_sheet(book, sheet(rows, columns.map((c) => WIDTH[c])), sheetName(several ? `${i + 1}. ${axis.title}` : axis.title, taken));
		}
	});
	const synthesisSheet = sheet([SYNTHESIS_COLUMNS.map((c) => t.columns[c][0]), ...synthesisRows(outcome)], SYNTHESIS_COLUMNS.map((c) => WIDTH[c]));
	XLSX.utils.book_append_sheet(book, synthesisSheet, syntheses);
	return book;
}

export function toSpreadsheet(outcome: Outcome, type: SpreadsheetType, options: SpreadsheetOptions = {}): Uint8Array {
	const bytes = XLSX.write(toWorkbook(outcome, options), { type: 'array', bookType: type, compression: true }) as ArrayBuffer;
	return new Uint8Array(bytes);
}
