/**
 * Turns a board's documents (or an event's boards) into one plain `Outcome`.
 * Pure TypeScript over Yjs, so the browser can export what it already has.
 *
 * Anonymous by default: authors are left out unless `includeAuthors` is set,
 * and then each author is "Participant N", numbered by first appearance
 * (boards in order, each board's notes oldest first). The server never knows
 * display names, and participant ids derive from secret keys: neither leaves.
 */
import type * as Y from 'yjs';
import { readGroups, readMeta, readNotes, type Note } from '../board/doc';
import { citedNotes } from '../board/citations';
import { readSession, readSyntheses } from '../board/session';
import { DEFAULT_LICENCE, LICENCES, type LicenceId } from '../shared/licences';
import { pollOutcomes } from './polls';
import { EXPORT_VERSION, type BoardOutcome, type Outcome, type OutcomeEvent, type OutcomeLicence, type OutcomeNote } from './types';

export interface BoardSource {
	id: string;
	/** Stored title, used when the document has none. */
	title: string;
	createdAt: Date | number;
	licence: LicenceId;
	doc: Y.Doc;
	/** The session document (phase, syntheses); null if never written. */
	session: Y.Doc | null;
	/** A table of a workshop: the workshop's board id and the table's number. */
	table?: { workshopId: string; number: number };
}

export interface EventSource extends OutcomeEvent {
	licence: LicenceId;
}

export interface SnapshotOptions {
	includeAuthors?: boolean;
	/** When the export is made; defaults to now (fixed in tests). */
	now?: Date | number;
}

export function licenceOf(id: LicenceId): OutcomeLicence {
	const licence = LICENCES[id];
	return { id, name: licence.label.fr, url: licence.url };
}

/** Numbers authors by first appearance: the first author met is "Participant 1". */
class Pseudonyms {
	#names = new Map<string, string>();
	of(authorId: string): string {
		let name = this.#names.get(authorId);
		if (!name) {
			name = `Participant ${this.#names.size + 1}`;
			this.#names.set(authorId, name);
		}
		return name;
	}
}

function totalVotes(note: Note): number {
	return Object.values(note.votes).reduce((sum, n) => sum + (Number.isFinite(n) && n > 0 ? n : 0), 0);
}

function toOutcomeNote(note: Note, pseudonyms: Pseudonyms | null): OutcomeNote {
	const out: OutcomeNote = {
		id: note.id,
		axisId: note.axisId,
		groupId: note.groupId ?? null,
		text: note.text,
		votes: totalVotes(note) + (note.roomVotes ?? 0),
		createdAt: new Date(note.createdAt).toISOString()
	};
	if (note.roomVotes) out.roomVotes = note.roomVotes;
	if (note.room) out.room = true;
	// A room note speaks for the room, not for the facilitator who typed it.
	if (pseudonyms && note.authorId && !note.room) out.author = pseudonyms.of(note.authorId);
	return out;
}

/** Notes a facilitator hid are moderated out of the outcomes. */
function visibleNotes(source: BoardSource): Note[] {
	return readNotes(source.doc).filter((note) => !note.hidden);
}

/** `citable`: notes a synthesis may cite besides the board's own (a workshop's tables). */
function snapshotBoard(source: BoardSource, pseudonyms: Pseudonyms | null, citable: Note[] = []): BoardOutcome {
	const meta = readMeta(source.doc);
	const syntheses = source.session ? readSyntheses(source.session) : {};
	const visible = visibleNotes(source);
	const polls = pollOutcomes(source.doc, source.session);
	const outcome: BoardOutcome = {
		id: source.id,
		title: meta.title || source.title,
		createdAt: new Date(source.createdAt).toISOString(),
		licence: licenceOf(source.licence),
		phase: source.session ? readSession(source.session).phase : 'collect',
		axes: meta.axes.map((axis) => {
			const synthesis = syntheses[axis.id] ?? '';
			const cited = citedNotes(synthesis, [...visible, ...citable]).map((note) => note.id);
			return { id: axis.id, title: axis.title, description: axis.description ?? '', synthesis, ...(cited.length ? { cited } : {}) };
		}),
		groups: readGroups(source.doc),
		notes: visible.map((note) => toOutcomeNote(note, pseudonyms)),
		...(polls.length ? { polls } : {})
	};
	if (source.table) Object.assign(outcome, { workshopId: source.table.workshopId, table: source.table.number });
	return outcome;
}

/** What each board's synthesis may cite beyond its own notes: a workshop, the notes of its tables. */
function tableNotesOf(boards: BoardSource[]): Map<string, Note[]> {
	const byWorkshop = new Map<string, Note[]>();
	for (const board of boards) {
		if (board.table) byWorkshop.set(board.table.workshopId, [...(byWorkshop.get(board.table.workshopId) ?? []), ...visibleNotes(board)]);
	}
	return byWorkshop;
}

/** One board's or one event's outcomes; `boards` in the order they should appear. */
export function snapshotOutcome(
	input: {
		event?: EventSource | null;
		boards: BoardSource[];
		/** The export's licence; by default the event's, else the first board's. */
		licence?: LicenceId;
	},
	options: SnapshotOptions = {}
): Outcome {
	const pseudonyms = options.includeAuthors ? new Pseudonyms() : null;
	const { event } = input;
	const licence = input.licence ?? event?.licence ?? input.boards[0]?.licence ?? DEFAULT_LICENCE;
	const tables = tableNotesOf(input.boards);
	return {
		version: EXPORT_VERSION,
		generatedAt: new Date(options.now ?? Date.now()).toISOString(),
		licence: licenceOf(licence),
		event: event
			? {
					id: event.id,
					title: event.title,
					startsOn: event.startsOn,
					endsOn: event.endsOn,
					place: event.place,
					description: event.description
				}
			: null,
		boards: input.boards.map((board) => snapshotBoard(board, pseudonyms, tables.get(board.id)))
	};
}
