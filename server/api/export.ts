/**
 * `GET /api/boards/<id>/export` and `GET /api/events/<id>/export`
 * (DESIGN.md, HTTP API): a board's or an event's outcomes as Markdown, CSV,
 * JSON, a data package, ODS, XLSX or a Decidim proposals file (formats.ts).
 * Board exports need the organiser or facilitator token (or the event's
 * organiser token); event exports the event's organiser token. Anonymous
 * unless `authors=1`.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { LicenceId } from '../../src/lib/shared/licences';
import { snapshotOutcome, type EventSource } from '../../src/lib/export/snapshot';
import { EXPORTERS } from '../../src/lib/export/formats';
import { DECIDIM_UNITS, type DecidimUnit } from '../../src/lib/export/decidim';
import { slug } from '../../src/lib/export/format';
import { EXPORT_FORMATS, EXPORT_LANGS, type ExportFormat, type ExportLang, type Outcome } from '../../src/lib/export/types';
import { boardsOfEvent, type BoardRow } from '../db/boards';
import { findEvent, type EventRow } from '../db/events';
import { openBoard } from '../board-docs';
import { tablesOf } from '../db/tables';
import { requireEventOrganiser, requireRole } from './auth';

export interface ExportOptions {
	/** The public origin, for the JSON export's absolute `$schema`. */
	publicUrl: string;
}

interface ExportQuery {
	format: ExportFormat;
	authors?: '0' | '1';
	lang?: ExportLang;
	sep?: 'comma' | 'semicolon';
	/** Decidim: one proposal per note (default) or per group. */
	by?: DecidimUnit;
}

const querystring = {
	type: 'object',
	required: ['format'],
	properties: {
		format: { type: 'string', enum: [...EXPORT_FORMATS] },
		authors: { type: 'string', enum: ['0', '1'] },
		lang: { type: 'string', enum: [...EXPORT_LANGS] },
		sep: { type: 'string', enum: ['comma', 'semicolon'] },
		by: { type: 'string', enum: [...DECIDIM_UNITS] }
	}
} as const;

function render(outcome: Outcome, query: ExportQuery, publicUrl: string): string | Uint8Array {
	const separator = query.sep === 'semicolon' ? ';' : ',';
	return EXPORTERS[query.format].render(outcome, { lang: query.lang, separator, origin: publicUrl, by: query.by });
}

function eventSource(event: EventRow): EventSource {
	const { id, title, startsOn, endsOn, place, description, licence } = event;
	return { id, title, startsOn, endsOn, place, description, licence };
}

/** Reads every board (live or stored), snapshots them together, frees what was loaded. */
async function outcomeOf(app: FastifyInstance, boards: BoardRow[], event: EventRow | null, includeAuthors: boolean, licence?: LicenceId): Promise<Outcome> {
	// A workshop's tables come right after it (JSON: one board per table, linked by workshopId).
	const opened = [];
	for (const board of boards) {
		for (const one of [board, ...(await tablesOf(app.db, board.id))]) opened.push(await openBoard(app, one));
	}
	try {
		const input = { event: event && eventSource(event), boards: opened.map((o) => o.source), licence };
		return snapshotOutcome(input, { includeAuthors });
	} finally {
		opened.forEach((o) => o.close());
	}
}

/** A board's outcomes, under the board's own licence even inside an event (also the printable report's data). */
export async function boardOutcome(app: FastifyInstance, board: BoardRow, includeAuthors = false): Promise<Outcome> {
	const event = board.eventId ? ((await findEvent(app.db, board.eventId)) ?? null) : null;
	return outcomeOf(app, [board], event, includeAuthors, board.licence);
}

/** All the workshops of an event, under the event's licence. */
export async function eventOutcome(app: FastifyInstance, event: EventRow, includeAuthors = false): Promise<Outcome> {
	return outcomeOf(app, await boardsOfEvent(app.db, event.id), event, includeAuthors);
}

function send(reply: FastifyReply, body: string | Uint8Array, query: ExportQuery, title: string, date: Date) {
	const exporter = EXPORTERS[query.format];
	const filename = `${slug(title)}-${date.toISOString().slice(0, 10)}${exporter.extension}`;
	return reply
		.type(exporter.contentType)
		.header('content-disposition', `attachment; filename="${filename}"`)
		// Outcomes may be unpublished: no shared cache keeps a copy.
		.header('cache-control', 'no-store')
		.send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

const exportRoutes: FastifyPluginAsync<ExportOptions> = async (app, opts) => {
	app.get<{ Params: { id: string }; Querystring: ExportQuery }>(
		'/boards/:id/export',
		{ schema: { querystring } },
		async (request, reply) => {
			const { board } = await requireRole(request, request.params.id, 'facilitator');
			const outcome = await boardOutcome(app, board, request.query.authors === '1');
			return send(reply, render(outcome, request.query, opts.publicUrl), request.query, outcome.boards[0].title, new Date());
		}
	);

	app.get<{ Params: { id: string }; Querystring: ExportQuery }>(
		'/events/:id/export',
		{ schema: { querystring } },
		async (request, reply) => {
			const event = await requireEventOrganiser(request, request.params.id);
			const outcome = await eventOutcome(app, event, request.query.authors === '1');
			return send(reply, render(outcome, request.query, opts.publicUrl), request.query, event.title, new Date());
		}
	);
};

export default exportRoutes;

