/** JSON shapes of the HTTP API (DESIGN.md, contract), shared by client and server. */
import type { Role } from './roles';
import type { Axis, Note } from '../board/doc';
import type { Kit } from '../kits/kit';

export const TEMPLATES = ['nec', 'blank'] as const;
export type Template = (typeof TEMPLATES)[number];

export interface CreateBoardRequest {
	title: string;
	template?: Template;
	/** A workshop kit (src/lib/kits/kit.ts); wins over `template`. */
	kit?: Kit;
}

export interface BoardLinks {
	organiser: string;
	facilitator: string;
	participant: string;
	projector: string;
}

/** `POST /api/boards/<id>/tokens/<role>/regenerate`: the role's new link; the old one stops working. */
export interface RegenerateLinkResponse {
	links: Partial<BoardLinks>;
	/** The board's join code (a new one when the participant link was regenerated). */
	joinCode: string;
}

export interface CreateBoardResponse {
	id: string;
	title: string;
	joinCode: string;
	links: BoardLinks;
}

/** What a page learns about a board once its token is checked (`GET /api/boards/<id>/access`). */
export interface BoardAccess {
	boardId: string;
	role: Role;
	title: string;
	joinCode: string;
	/** Absolute path of the join link, `/j/<code>`, for QR codes. */
	joinPath: string;
	/** Set on a table: the workshop board it belongs to (issue 13). */
	workshopId?: string | null;
}

export interface HealthResponse {
	status: 'ok';
}

/** `GET /api/time`: the server's clock, so clients can show the shared timer (session.timer.endsAt is server time). */
export interface TimeResponse {
	now: number;
}

/**
 * What the moderation log records. `report`: a participant flagged a note;
 * `accept`/`reject`: a facilitator let a pre-moderated note onto the board or
 * not. (Stored as plain text: adding an action needs no migration.)
 */
export const MODERATION_ACTIONS = ['hide', 'unhide', 'delete', 'restore', 'report', 'accept', 'reject'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** `GET /api/boards/<id>/moderation` (facilitator and organiser). Never part of exports. */
export interface ModerationResponse {
	/** Newest first. `actorId` is the facilitator's participant id (null for restores, made over HTTP). */
	log: { id: number; action: ModerationAction; noteId: string; actorId: string | null; at: number }[];
	/** Deleted notes that can be restored, newest first; restore with `POST …/moderation/<logId>/restore`. */
	bin: WithheldNote[];
	/**
	 * Notes a facilitator hid: withheld from the board document (only the
	 * server keeps them), newest first; unhide with `POST …/moderation/<logId>/restore`.
	 */
	hidden: WithheldNote[];
	/** Notes participants reported that are still on the board, most reports first. */
	reports: { noteId: string; text: string; count: number; at: number }[];
	/** Pre-moderation: new notes waiting for a facilitator, oldest first (empty when pre-moderation is off). */
	pending: Note[];
}

/** A note kept by the server only (moderation bin or hidden notes). */
export interface WithheldNote {
	logId: number;
	note: Note;
	at: number;
}

/** `POST /api/boards/<id>/notes/<noteId>/report` `{ key }` (participant link) → 200. */
export interface ReportResponse {
	/** Reports on this note so far (one per participant). */
	count: number;
}

/** `POST /api/boards/<id>/moderation/pending/<noteId>/accept|reject` → 200. */
export interface PendingResponse {
	noteId: string;
	accepted: boolean;
}

/** `POST /api/boards/<id>/moderation/<logId>/restore` → 200. */
export interface RestoreResponse {
	noteId: string;
}

/** A table of a workshop (`GET /api/boards/<id>/tables`, projector and up). */
export interface TableInfo {
	id: string;
	number: number;
	title: string;
	joinCode: string;
	/** `/j/<code>`, for the table's QR code. */
	joinPath: string;
}

/** `POST /api/boards/<id>/tables` `{ count }` → 201: the new tables, with their own links (shown once). */
export interface SplitTablesResponse {
	tables: (TableInfo & { links: BoardLinks })[];
}

export interface TablesResponse {
	tables: TableInfo[];
}

export type { Axis, Note };
