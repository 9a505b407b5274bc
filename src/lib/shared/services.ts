import type { BoardAccess } from './api';
import type { LicenceId } from './licences';
import type { EventDetails } from './outcomes';
import type { Outcome } from '../export/types';
import type { Agenda } from '../board/agenda';
import type { SiteInfo } from './site';

/**
 * What the Fastify server lends SvelteKit's server-side load functions for
 * each request (server/web.ts sets it on the Node request, adapter-node passes
 * it as `platform.req`). One process, one database: pages ask the server,
 * they never open the database themselves. Answers are promises: the
 * database may be PostgreSQL, asynchronous.
 */
export interface TrameServices {
	/** The board's access for this token; `null` board → 404, `null` role → 401. */
	access(boardId: string, token: string): Promise<AccessResult>;
	/** The board id and participant link of a join code, or null. */
	join(code: string): Promise<{ boardId: string; participantPath: string } | null>;
	/** A board's outcomes, anonymous (the printable report); null for an unknown board. Check access first. */
	boardOutcome(boardId: string): Promise<Outcome | null>;
	/** The event and its workshops if `token` is its organiser token (the event page). */
	event(eventId: string, token: string): Promise<EventResult>;
	/** An event's outcomes, anonymous (its synthesis per axis); null for an unknown event. Check access first. */
	eventOutcome(eventId: string): Promise<Outcome | null>;
	/** A board's planned run and its actual times (the printable report); null for an unknown board. Check access first. */
	agenda(boardId: string): Promise<Agenda | null>;
	/** The public origin printed in links and QR codes. */
	publicUrl: string;
	/** Creating a board or an event needs the instance key (TRAME_INSTANCE_KEY is set). */
	instanceKeyRequired: boolean;
	/** Who runs the instance, its accessibility state (legal notice, accessibility statement, footers). */
	site: SiteInfo;
}

export type AccessResult =
	| { ok: true; access: BoardAccess; licence: LicenceId }
	| { ok: false; reason: 'unknown_board' | 'bad_token' };

export type EventResult = { ok: true; event: EventDetails } | { ok: false; reason: 'unknown_event' | 'bad_token' };
