/**
 * Workshop kits over HTTP (DESIGN.md, "Workshop kits", contract):
 * `GET /api/boards/<id>/kit` exports a board's format (facilitator and up;
 * `?notes=1` adds its visible notes as examples, without authors), and
 * `POST /api/events/<id>/duplicate` makes a new event with every workshop's
 * format, empty, and `POST /api/boards/<id>/duplicate` a new empty board of
 * the same format (organiser; in the same event). Neither asks for the
 * instance key: the organiser token already shows the right to create, as
 * for `POST /api/events/<id>/boards`. Creating from a kit is `POST /api/boards`.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { CreateBoardResponse } from '../../src/lib/shared/api';
import { LIMITS } from '../../src/lib/shared/limits';
import { eventPath, type DuplicateEventResponse } from '../../src/lib/shared/outcomes';
import { KIT_SCHEMA_PATH, type Kit } from '../../src/lib/kits/kit';
import { kitOf } from '../../src/lib/kits/apply';
import { boardsOfEvent, type BoardRow } from '../db/boards';
import { insertEvent } from '../db/events';
import { openBoard } from '../board-docs';
import { createBoard } from '../boards';
import { requireEventOrganiser, requireRole } from './auth';
import { cleanTitle } from './boards';

const title = { type: 'string', minLength: 1, maxLength: LIMITS.titleLength } as const;

export interface KitOptions {
	publicUrl: string;
}

export async function boardKit(app: FastifyInstance, board: BoardRow, schemaUrl: string, notes = false): Promise<Kit> {
	const open = await openBoard(app, board);
	try {
		return kitOf(open.source.doc, open.session, { schemaUrl, notes });
	} finally {
		open.close();
	}
}

const kits: FastifyPluginAsync<KitOptions> = async (app, opts) => {
	const schemaUrl = new URL(KIT_SCHEMA_PATH, opts.publicUrl).toString();

	app.get<{ Params: { id: string }; Querystring: { notes?: '0' | '1' } }>(
		'/boards/:id/kit',
		{ schema: { querystring: { type: 'object', properties: { notes: { type: 'string', enum: ['0', '1'] } } } } },
		async (request, reply): Promise<Kit> => {
			const { board } = await requireRole(request, request.params.id, 'facilitator');
			reply.header('content-disposition', `attachment; filename="kit-${board.id}.json"`);
			return boardKit(app, board, schemaUrl, request.query.notes === '1');
		}
	);

	app.post<{ Params: { id: string }; Body: { title?: string } | undefined }>(
		'/boards/:id/duplicate',
		{ schema: { body: { type: ['object', 'null'], additionalProperties: false, properties: { title } } } },
		async (request, reply): Promise<CreateBoardResponse> => {
			const { board } = await requireRole(request, request.params.id, 'organiser');
			const kit = await boardKit(app, board, schemaUrl);
			const titled = request.body?.title === undefined ? kit.title || board.title : cleanTitle(request.body.title);
			reply.code(201);
			return createBoard(app.db, { title: titled, kit, eventId: board.eventId, licence: board.licence });
		}
	);

	app.post<{ Params: { id: string } }>('/events/:id/duplicate', async (request, reply): Promise<DuplicateEventResponse> => {
		const source = await requireEventOrganiser(request, request.params.id);
		const { title, startsOn, endsOn, place, description, licence } = source;
		const { event, organiserToken } = await insertEvent(app.db, { title, startsOn, endsOn, place, description, licence });
		const boards: CreateBoardResponse[] = [];
		for (const board of await boardsOfEvent(app.db, source.id)) {
			const kit = await boardKit(app, board, schemaUrl);
			boards.push(await createBoard(app.db, { title: kit.title || board.title, kit, eventId: event.id, licence: event.licence }));
		}
		reply.code(201);
		return { id: event.id, title, links: { organiser: eventPath(event.id, organiserToken) }, boards };
	});
};

export default kits;
