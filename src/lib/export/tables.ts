/**
 * The outcome as tables (notes, axes with their syntheses, groups): one
 * definition of each column, its type, meaning and constraints, shared by the
 * data package (a CSV and a Table Schema per table) and the spreadsheets
 * (their first sheet explains the columns). A new table is one more entry.
 */
import { byVotes } from './format';
import type { BoardOutcome, ExportLang, Outcome, OutcomeNote } from './types';

/** Table Schema field types used here (https://specs.frictionlessdata.io/table-schema/#types-and-formats). */
export type FieldType = 'string' | 'integer' | 'boolean' | 'datetime';
export type Cell = string | number | boolean | null;

export interface TableField {
	name: string;
	type: FieldType;
	description: Record<ExportLang, string>;
	constraints?: { required?: boolean; minimum?: number };
}

export interface Table {
	name: string;
	title: Record<ExportLang, string>;
	description: Record<ExportLang, string>;
	fields: TableField[];
	primaryKey: string[];
	rows: Cell[][];
}

const f = (name: string, type: FieldType, fr: string, en: string, constraints?: TableField['constraints']): TableField => ({
	name, type, description: { fr, en }, ...(constraints ? { constraints } : {})
});
const required = { required: true };
const count = { required: true, minimum: 0 };

const BOARD_FIELDS = [
	f('board_id', 'string', 'Identifiant de l’atelier (tableau Trame)', 'Workshop (Trame board) id', required),
	f('board', 'string', 'Titre de l’atelier', 'Workshop title')
];

export const NOTE_FIELDS: TableField[] = [
	...BOARD_FIELDS,
	f('note_id', 'string', 'Identifiant de la note', 'Note id', required),
	f('axis_id', 'string', 'Identifiant de l’axe de la note', 'Id of the note’s axis', required),
	f('axis', 'string', 'Titre de l’axe', 'Axis title'),
	f('group_id', 'string', 'Identifiant du groupe (vide hors groupe)', 'Group id (empty when not in a group)'),
	f('group', 'string', 'Titre du groupe', 'Group title'),
	f('rank', 'integer', 'Rang dans l’axe, par nombre de votes (1 = le plus de votes)', 'Rank in the axis by votes (1 = most votes)', { required: true, minimum: 1 }),
	f('text', 'string', 'Texte de la note, tel qu’écrit', 'The note’s text, as written'),
	f('votes', 'integer', 'Nombre total de votes, mains levées comprises (qui a voté n’est jamais exporté)', 'Total votes, hands raised included (who voted is never exported)', count),
	f('room_votes', 'integer', 'Dont votes à main levée dans la salle', 'Of which hands raised in the room', count),
	f('room', 'boolean', 'Vrai pour une note écrite au nom de la salle', 'True for a note written on behalf of the room', required),
	f('created_at', 'datetime', 'Date et heure de création (UTC)', 'When the note was written (UTC)', required),
	f('author', 'string', 'Pseudonyme « Participant N » si l’organisateur les a demandés, sinon vide', '"Participant N" when the organiser asked for authors, else empty')
];

export const AXIS_FIELDS: TableField[] = [
	...BOARD_FIELDS,
	f('axis_id', 'string', 'Identifiant de l’axe', 'Axis id', required),
	f('axis', 'string', 'Titre de l’axe', 'Axis title'),
	f('description', 'string', 'Description de l’axe', 'Axis description'),
	f('synthesis', 'string', 'Synthèse rédigée par l’animation', 'The facilitators’ synthesis'),
	f('cited', 'string', 'Identifiants des notes citées par la synthèse, séparés par des espaces', 'Ids of the notes the synthesis cites, space separated'),
	f('notes', 'integer', 'Nombre de notes de l’axe', 'Notes in the axis', count)
];

export const GROUP_FIELDS: TableField[] = [
	...BOARD_FIELDS,
	f('group_id', 'string', 'Identifiant du groupe', 'Group id', required),
	f('axis_id', 'string', 'Identifiant de l’axe du groupe', 'Id of the group’s axis', required),
	f('group', 'string', 'Titre du groupe', 'Group title'),
	f('notes', 'integer', 'Nombre de notes du groupe', 'Notes in the group', count),
	f('votes', 'integer', 'Total des votes des notes du groupe', 'Total votes of the group’s notes', count)
];

/** ISO 8601 to the second, the Table Schema `datetime` default format. */
export function tableDatetime(iso: string): string {
	return iso.replace(/\.\d+Z$/, 'Z');
}

/** A board's notes in export order: axis by axis (board order, removed axes last), most votes first; with their rank in the axis. */
export function rankedNotes(board: BoardOutcome): { note: OutcomeNote; rank: number }[] {
	const order = new Map(board.axes.map((a, i) => [a.id, i]));
	const sorted = [...board.notes].sort((a, b) => (order.get(a.axisId) ?? Infinity) - (order.get(b.axisId) ?? Infinity) || byVotes(a, b));
	const seen = new Map<string, number>();
	return sorted.map((note) => {
		const rank = (seen.get(note.axisId) ?? 0) + 1;
		seen.set(note.axisId, rank);
		return { note, rank };
	});
}

function noteRows(board: BoardOutcome): Cell[][] {
	const axis = new Map(board.axes.map((a) => [a.id, a.title]));
	const group = new Map(board.groups.map((g) => [g.id, g.title]));
	return rankedNotes(board).map(({ note, rank }) => [
		board.id, board.title, note.id, note.axisId, axis.get(note.axisId) ?? null,
		note.groupId, note.groupId ? (group.get(note.groupId) ?? null) : null, rank, note.text,
		note.votes, note.roomVotes ?? 0, note.room === true, tableDatetime(note.createdAt), note.author ?? null
	]);
}

function axisRows(board: BoardOutcome): Cell[][] {
	return board.axes.map((a) => [
		board.id, board.title, a.id, a.title, a.description, a.synthesis, (a.cited ?? []).join(' '),
		board.notes.filter((n) => n.axisId === a.id).length
	]);
}

function groupRows(board: BoardOutcome): Cell[][] {
	return board.groups.map((g) => {
		const notes = board.notes.filter((n) => n.groupId === g.id);
		return [board.id, board.title, g.id, g.axisId, g.title, notes.length, notes.reduce((s, n) => s + n.votes, 0)];
	});
}

export function outcomeTables(outcome: Outcome): Table[] {
	return [
		{
			name: 'notes',
			title: { fr: 'Notes', en: 'Notes' },
			description: { fr: 'Les notes des participants (les notes masquées par la modération sont exclues).', en: 'What participants wrote (notes hidden by moderation are left out).' },
			fields: NOTE_FIELDS,
			primaryKey: ['board_id', 'note_id'],
			rows: outcome.boards.flatMap(noteRows)
		},
		{
			name: 'axes',
			title: { fr: 'Axes et synthèses', en: 'Axes and syntheses' },
			description: { fr: 'Les axes de travail et la synthèse de chacun.', en: 'The axes and the synthesis of each.' },
			fields: AXIS_FIELDS,
			primaryKey: ['board_id', 'axis_id'],
			rows: outcome.boards.flatMap(axisRows)
		},
		{
			name: 'groups',
			title: { fr: 'Groupes', en: 'Groups' },
			description: { fr: 'Les regroupements de notes faits pendant l’atelier.', en: 'How notes were grouped during the workshop.' },
			fields: GROUP_FIELDS,
			primaryKey: ['board_id', 'group_id'],
			rows: outcome.boards.flatMap(groupRows)
		}
	];
}
