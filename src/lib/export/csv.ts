/**
 * The CSV export: one row per note, for spreadsheets. RFC 4180: CRLF between
 * records, fields with a separator, a quote or a line break are quoted, quotes
 * doubled. UTF-8 with a byte order mark, which is how Excel recognises UTF-8
 * (LibreOffice Calc detects it too). A cell that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or CR) gets a leading apostrophe
 * (OWASP "CSV injection"); the JSON export keeps the exact text.
 */
import { byVotes } from './format';
import type { BoardOutcome, ExportLang, Outcome } from './types';

/** `room_votes`: of `votes`, the hands raised in the room; `room`: 1 for a note written on behalf of the room. */
export const CSV_COLUMNS = ['board', 'axis', 'group', 'text', 'votes', 'created_at', 'author', 'room_votes', 'room'] as const;
/**
 * The header row a person reads in a French spreadsheet (`lang=fr`), same
 * columns in the same order; without `lang`, or with `en`, CSV_COLUMNS.
 */
export const CSV_HEADERS_FR = ['atelier', 'axe', 'groupe', 'texte', 'votes', 'créée le', 'auteur', 'votes à main levée', 'au nom de la salle'] as const;
export const BOM = '\uFEFF';

export interface CsvOptions {
	/** ',' (default, RFC 4180) or ';' (what Excel in a French locale opens by double-click). */
	separator?: ',' | ';';
	/** The header row's language: English identifiers by default (scripts rely on them). */
	lang?: ExportLang;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number, separator: string): string {
	if (typeof value === 'number') return String(value);
	const text = FORMULA_START.test(value) ? `'${value}` : value;
	const normalised = text.replace(/\r\n|\r/g, '\n');
	return normalised.includes(separator) || /["\n]/.test(normalised) ? `"${normalised.replace(/"/g, '""')}"` : normalised;
}

function boardRows(board: BoardOutcome): (string | number)[][] {
	const axisTitle = new Map(board.axes.map((a) => [a.id, a.title]));
	const groupTitle = new Map(board.groups.map((g) => [g.id, g.title]));
	const axisOrder = new Map(board.axes.map((a, i) => [a.id, i]));
	const notes = [...board.notes].sort(
		(a, b) => (axisOrder.get(a.axisId) ?? Infinity) - (axisOrder.get(b.axisId) ?? Infinity) || byVotes(a, b)
	);
	return notes.map((note) => [
		board.title,
		axisTitle.get(note.axisId) ?? note.axisId,
		note.groupId ? (groupTitle.get(note.groupId) ?? '') : '',
		note.text,
		note.votes,
		note.createdAt,
		note.author ?? '',
		note.roomVotes ?? 0,
		note.room ? 1 : ''
	]);
}

/**
 * A board's quick polls after its notes, one row per choice (or scale value,
 * or word given): `axis` empty, `group` the question, `text` the choice,
 * `votes` how many chose it, `created_at` when the poll opened.
 */
function pollRows(board: BoardOutcome): (string | number)[][] {
	return (board.polls ?? []).flatMap((poll) => {
		const items = poll.kind === 'word' ? (poll.words ?? []).map((w) => ({ label: w.word, count: w.count })) : poll.results;
		return items.map((item) => [board.title, '', poll.question, item.label, item.count, poll.createdAt, '', 0, '']);
	});
}

/** The whole file, byte order mark included; notes by board, axis, then most votes first, then the polls. */
export function toCsv(outcome: Outcome, options: CsvOptions = {}): string {
	const separator = options.separator ?? ',';
	const header = options.lang === 'fr' ? CSV_HEADERS_FR : CSV_COLUMNS;
	const rows: (string | number)[][] = [[...header], ...outcome.boards.flatMap((board) => [...boardRows(board), ...pollRows(board)])];
	return BOM + rows.map((row) => row.map((v) => csvField(v, separator)).join(separator)).join('\r\n') + '\r\n';
}
