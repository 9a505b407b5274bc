/**
 * The Markdown report: readable as plain text and pasteable into a wiki or a
 * pad. Per axis: the synthesis, the groups with their notes, then every note
 * ranked by votes. Note text is kept as written, except what would change
 * the document's structure (a line starting with "#", "-", "1." …) or be raw
 * HTML ("<"), which is escaped.
 */
import { calendarDate, byVotes } from './format';
import { citationOf } from '../board/citations';
import { LABELS, type Labels } from './labels';
import { pollsSection } from './polls-markdown';
import type { BoardOutcome, ExportLang, Outcome, OutcomeAxis, OutcomeLicence, OutcomeNote } from './types';

export interface MarkdownOptions {
	lang?: ExportLang;
	/** Time zone of the dates shown (default Europe/Paris). */
	timeZone?: string;
}

interface Context {
	t: Labels;
	lang: ExportLang;
	timeZone: string;
}

const BLOCK_START = /^(\s*)([#>+*=`~|-])/;
const ORDERED_START = /^(\s*\d+)([.)])/;

/** Escapes what would turn a line of a note into a heading, list, quote, code block or HTML. */
export function escapeLine(line: string): string {
	return line.replace(/</g, '&lt;').replace(BLOCK_START, '$1\\$2').replace(ORDERED_START, '$1\\$2');
}

function heading(level: number, text: string): string {
	return `${'#'.repeat(Math.min(level, 6))} ${escapeLine(text)}`;
}

function licenceLine(licence: OutcomeLicence): string {
	return licence.url ? `[${licence.name}](${licence.url})` : licence.name;
}

/** One note as a list item; continuation lines are indented under the marker. */
function noteItem(note: OutcomeNote, marker: string, ctx: Context): string {
	const lines = note.text.trim() ? note.text.trim().split(/\r\n|\r|\n/).map((l) => escapeLine(l.trimEnd())) : [ctx.t.emptyNote];
	const votes = ctx.t.votes(note.votes) + (note.roomVotes ? `, ${ctx.t.roomVotes(note.roomVotes)}` : '');
	const by = note.room ? ctx.t.roomNote : note.author;
	const suffix = ` (${votes})${by ? ` — ${by}` : ''}`;
	lines[lines.length - 1] += suffix;
	const indent = ' '.repeat(marker.length + 1);
	return `${marker} ${lines.map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n')}`;
}

function bulletList(notes: OutcomeNote[], ctx: Context): string {
	return [...notes].sort(byVotes).map((note) => noteItem(note, '-', ctx)).join('\n');
}

function rankedList(notes: OutcomeNote[], ctx: Context): string {
	return [...notes].sort(byVotes).map((note, i) => noteItem(note, `${i + 1}.`, ctx)).join('\n');
}

/** `tables`: a workshop's tables, whose notes follow the workshop's own under each axis (issue 13). */
function axisSection(board: BoardOutcome, axis: OutcomeAxis, level: number, ctx: Context, tables: BoardOutcome[] = []): string[] {
	const { t } = ctx;
	const notes = board.notes.filter((n) => n.axisId === axis.id);
	const groups = board.groups.filter((g) => g.axisId === axis.id);
	const out = [heading(level, axis.title)];
	if (axis.description) out.push(`*${escapeLine(axis.description)}*`);
	out.push(heading(level + 1, t.synthesis));
	out.push(axis.synthesis.trim() ? axis.synthesis.trim().split(/\r\n|\r|\n/).map(escapeLine).join('\n') : `*${t.noSynthesis}*`);
	// Each citation traced back to what a participant wrote.
	const citable = [board, ...tables].flatMap((b) => b.notes);
	const cited = (axis.cited ?? []).flatMap((id) => citable.filter((n) => n.id === id));
	if (cited.length > 0) out.push(`${t.cited} :`, cited.map((n) => `- \`${citationOf(n.id)}\` ${escapeLine(n.text.replace(/\s+/g, ' '))}`).join('\n'));
	if (groups.length > 0) {
		out.push(heading(level + 1, t.groups));
		const grouped = new Set<string>();
		for (const group of groups) {
			const inGroup = notes.filter((n) => n.groupId === group.id);
			inGroup.forEach((n) => grouped.add(n.id));
			out.push(heading(level + 2, group.title || t.untitledGroup), inGroup.length ? bulletList(inGroup, ctx) : `*${t.noNotes}*`);
		}
		const loose = notes.filter((n) => !grouped.has(n.id));
		if (loose.length > 0) out.push(heading(level + 2, t.ungrouped), bulletList(loose, ctx));
	}
	if (notes.length > 0 || tables.length === 0) out.push(heading(level + 1, t.ranked), notes.length ? rankedList(notes, ctx) : `*${t.noNotes}*`);
	for (const table of tables) {
		const atTable = table.notes.filter((n) => n.axisId === axis.id);
		out.push(heading(level + 1, t.table(table.table ?? 0)), atTable.length ? rankedList(atTable, ctx) : `*${t.noNotes}*`);
	}
	return out;
}

function boardSection(board: BoardOutcome, level: number, withLicence: boolean, ctx: Context, tables: BoardOutcome[] = []): string[] {
	const { t } = ctx;
	const facts = [`- ${t.date}${t.colon}${calendarDate(board.createdAt, ctx.timeZone)}`];
	if (withLicence) facts.push(`- ${t.licence}${t.colon}${licenceLine(board.licence)}`);
	facts.push(`- ${t.axes}${t.colon}${board.axes.map((a) => escapeLine(a.title)).join(', ')}`);
	if (tables.length) facts.push(`- ${t.tables}${t.colon}${tables.length}`);
	facts.push(`- ${t.noteCount}${t.colon}${board.notes.length + tables.reduce((sum, table) => sum + table.notes.length, 0)}`);
	const out = [heading(level, board.title), facts.join('\n')];
	for (const axis of board.axes) out.push(...axisSection(board, axis, level + 1, ctx, tables));
	const known = new Set(board.axes.map((a) => a.id));
	const orphans = board.notes.filter((n) => !known.has(n.axisId));
	if (orphans.length > 0) out.push(heading(level + 1, t.otherNotes), rankedList(orphans, ctx));
	out.push(...pollsSection(board.polls, level + 1, ctx.lang, heading, escapeLine));
	return out;
}

function eventHeader(outcome: Outcome, ctx: Context): string[] {
	const { t } = ctx;
	const event = outcome.event!;
	const dates = [event.startsOn, event.endsOn].filter(Boolean);
	const facts = [];
	if (dates.length) facts.push(`- ${t.dates}${t.colon}${[...new Set(dates)].join(' → ')}`);
	if (event.place) facts.push(`- ${t.place}${t.colon}${escapeLine(event.place)}`);
	facts.push(`- ${t.licence}${t.colon}${licenceLine(outcome.licence)}`);
	facts.push(`- ${t.workshops}${t.colon}${outcome.boards.filter((b) => !b.workshopId).length}`);
	const out = [heading(1, event.title), facts.join('\n')];
	if (event.description.trim()) out.push(event.description.trim().split(/\r\n|\r|\n/).map(escapeLine).join('\n'));
	return out;
}

export function toMarkdown(outcome: Outcome, options: MarkdownOptions = {}): string {
	const lang = options.lang ?? 'fr';
	const ctx: Context = { t: LABELS[lang], lang, timeZone: options.timeZone ?? 'Europe/Paris' };
	const blocks: string[] = [];
	// A workshop's tables are written inside it, per axis then per table.
	const ids = new Set(outcome.boards.map((b) => b.id));
	const tablesOf = (board: BoardOutcome) => outcome.boards.filter((b) => b.workshopId === board.id).sort((a, b) => (a.table ?? 0) - (b.table ?? 0));
	const shown = outcome.boards.filter((b) => !b.workshopId || !ids.has(b.workshopId));
	if (outcome.event) {
		blocks.push(...eventHeader(outcome, ctx));
		for (const board of shown) blocks.push(...boardSection(board, 2, board.licence.id !== outcome.licence.id, ctx, tablesOf(board)));
	} else {
		for (const board of shown) blocks.push(...boardSection(board, 1, true, ctx, tablesOf(board)));
	}
	blocks.push(`---\n*${ctx.t.generated(calendarDate(outcome.generatedAt, ctx.timeZone))}*`);
	return blocks.join('\n\n') + '\n';
}
