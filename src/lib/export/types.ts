/**
 * The one definition of Trame's export format (version 1). `Outcome` is what
 * a board or an event produced, as plain data; markdown.ts, csv.ts and
 * json.ts only format it. The JSON export is this object plus `$schema` and
 * is described by static/schema/trame-export-v1.schema.json.
 */
import type { LicenceId } from '../shared/licences';
import type { Phase } from '../board/session';
import type { PollKind } from '../board/polls';

export const EXPORT_VERSION = 1;
/** Where the app serves the JSON Schema of version 1 (from static/). */
export const EXPORT_SCHEMA_PATH = '/schema/trame-export-v1.schema.json';

/** Every format `GET …/export?format=` answers; each is rendered by one module (formats.ts lists them). */
export const EXPORT_FORMATS = ['md', 'csv', 'json', 'datapackage', 'ods', 'xlsx', 'decidim'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_LANGS = ['fr', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];

export interface OutcomeLicence {
	id: LicenceId;
	/** The licence's name in French, its official language for Etalab. */
	name: string;
	url: string | null;
}

export interface OutcomeEvent {
	id: string;
	title: string;
	/** Calendar dates, `YYYY-MM-DD`, or null when not set. */
	startsOn: string | null;
	endsOn: string | null;
	place: string;
	description: string;
}

export interface OutcomeAxis {
	id: string;
	title: string;
	description: string;
	/** The facilitators' synthesis for this axis; '' when none was written. */
	synthesis: string;
	/** Ids of the notes the synthesis cites (src/lib/board/citations.ts), in order; absent when none. */
	cited?: string[];
}

export interface OutcomeGroup {
	id: string;
	axisId: string;
	title: string;
}

export interface OutcomeNote {
	id: string;
	axisId: string;
	groupId: string | null;
	text: string;
	/** Total votes on the note, hands raised in the room included; who voted is never exported. */
	votes: number;
	/** Of `votes`, the hands raised in the room (counted by the facilitator); absent when none. */
	roomVotes?: number;
	/** Present when the facilitator wrote the note on behalf of the people in the room without a device. */
	room?: true;
	/** ISO 8601, UTC. */
	createdAt: string;
	/** "Participant N" when the organiser asked for authors, else absent. */
	author?: string;
}

/** A quick poll and its results (issue 15); who answered is never exported. */
export interface OutcomePoll {
	id: string;
	kind: PollKind;
	question: string;
	open: boolean;
	/** ISO 8601, UTC. */
	createdAt: string;
	/** People who answered. */
	respondents: number;
	/** Per choice (single, multiple) or per value 1–5 (scale), in order; empty for one-word polls. */
	results: { label: string; count: number }[];
	/** Scale polls: the mean answer, when there is one. */
	mean?: number;
	/** One-word polls: each word as written (lower-cased), most given first. */
	words?: { word: string; count: number }[];
}

export interface BoardOutcome {
	id: string;
	title: string;
	/** ISO 8601, UTC. */
	createdAt: string;
	licence: OutcomeLicence;
	phase: Phase;
	axes: OutcomeAxis[];
	groups: OutcomeGroup[];
	/** Visible notes (moderated, hidden notes are left out), oldest first. */
	notes: OutcomeNote[];
	/** On a table (issue 13): the workshop board it belongs to, and its number there. */
	workshopId?: string;
	table?: number;
	/** Quick polls, oldest first; absent when the board had none (added within version 1: older files stay valid). */
	polls?: OutcomePoll[];
}

export interface Outcome {
	version: typeof EXPORT_VERSION;
	/** ISO 8601, UTC. */
	generatedAt: string;
	/** The licence of the whole export: the event's for an event, the board's for a board. */
	licence: OutcomeLicence;
	event: OutcomeEvent | null;
	boards: BoardOutcome[];
}

/** The JSON export: the outcome, self-describing. */
export interface OutcomeJson extends Outcome {
	$schema: string;
}
