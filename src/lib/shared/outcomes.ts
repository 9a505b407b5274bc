/**
 * JSON shapes of the outcomes API (issue 5): a board's settings, events and
 * their workshops. Shared by client and server, like api.ts.
 */
import type { Role } from './roles';
import type { LicenceId } from './licences';
import type { Axis, BoardLinks, CreateBoardResponse, Template } from './api';
import type { Kit } from '../kits/kit';
import type { Phase } from '../board/session';
import type { OutcomeEvent } from '../export/types';

/** `GET /api/boards/<id>` with any valid token of the board. */
export interface BoardInfo {
	id: string;
	title: string;
	licence: LicenceId;
	role: Role;
	joinCode: string;
	/** ISO 8601. */
	createdAt: string;
	eventId: string | null;
}

/** `PATCH /api/boards/<id>` (organiser). */
export interface UpdateBoardRequest {
	title?: string;
	licence?: LicenceId;
}

/** `POST /api/events`. Dates are calendar dates, `YYYY-MM-DD`. */
export interface CreateEventRequest {
	title: string;
	startsOn?: string | null;
	endsOn?: string | null;
	place?: string;
	description?: string;
	licence?: LicenceId;
}

export interface CreateEventResponse {
	id: string;
	title: string;
	/** The event organiser's page, with its token (shown once). */
	links: { organiser: string };
}

/** `POST /api/events/<id>/boards`: a workshop of the event; answers like `POST /api/boards`. */
export interface CreateEventBoardRequest {
	title: string;
	template?: Template;
	/** Axes to start with, instead of the template's. */
	axes?: Axis[];
	/** A workshop kit (src/lib/kits/kit.ts); wins over `template`. */
	kit?: Kit;
}

/** `POST /api/events/<id>/duplicate`: a new event with the same details and each workshop's format, empty. */
export interface DuplicateEventResponse extends CreateEventResponse {
	boards: CreateBoardResponse[];
}

/**
 * - `not_started`: nobody connected yet and no note;
 * - `live`: someone is connected now;
 * - `paused`: it has notes, nobody is connected, the session is not closed;
 * - `closed`: the facilitator closed the session.
 */
export const BOARD_STATUSES = ['not_started', 'live', 'paused', 'closed'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

export interface EventBoard {
	id: string;
	title: string;
	joinCode: string;
	licence: LicenceId;
	createdAt: string;
	axes: { id: string; title: string }[];
	status: BoardStatus;
	phase: Phase;
	/** Visible notes and open connections, now. */
	counts: { notes: number; connected: number };
	/** The participant link can be shown again (it is derived); the others were shown once. */
	links: Pick<BoardLinks, 'participant'>;
}

/** `GET /api/events/<id>` (event organiser): the event as exports describe it, and its workshops. */
export interface EventDetails extends OutcomeEvent {
	licence: LicenceId;
	createdAt: string;
	boards: EventBoard[];
}

/** The event organiser's page. */
export function eventPath(eventId: string, token: string): string {
	return `/e/${eventId}?token=${token}`;
}
