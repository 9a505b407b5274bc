/** `/api/events`: an event and its workshops (issue 5). */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { LIMITS } from '../../src/lib/shared/limits';
import { LICENCE_IDS } from '../../src/lib/shared/licences';
import { ErrorCode } from '../../src/lib/shared/errors';
import { ROLE_PATH } from '../../src/lib/shared/roles';
import type { CreateBoardResponse } from '../../src/lib/shared/api';
import { readMeta } from '../../src/lib/board/doc';
import {
	eventPath,
	type CreateEventBoardRequest,
	type CreateEventRequest,
	type CreateEventResponse,
	type EventBoard,
	type EventDetails
} from '../../src/lib/shared/outcomes';
import { boardsOfEvent, participantTokenOf, type BoardRow } from '../db/boards';
import { deleteEvent, insertEvent, type EventRow } from '../db/events';
import { createBoard, purgeBoards } from '../boards';
import { openBoard, statusOf } from '../board-docs';
import { ApiError } from '../errors';
import { parseKit } from '../kits';
import { requireEventOrganiser } from './auth';
import { tableCounts } from './tables';
import { checkAxes, cleanTitle, createBoardBody } from './boards';

const date = { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

const createBody = {
	type: 'object',
	required: ['title'],
	additionalProperties: false,
	properties: {
		title: { type: 'string', minLength: 1, maxLength: LIMITS.titleLength },
		startsOn: date,
		endsOn: date,
		place: { type: 'string', maxLength: LIMITS.eventPlaceLength },
		description: { type: 'string', maxLength: LIMITS.eventDescriptionLength },
		licence: { type: 'string', enum: [...LICENCE_IDS] }
	}
} as const;

function checkDates(startsOn?: string | null, endsOn?: string | null): void {
	for (const day of [startsOn, endsOn]) {
		// Date.parse accepts 2026-02-30; a round trip does not.
		const parsed = day ? new Date(`${day}T00:00:00Z`) : null;
		const valid = !parsed || (!Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day);
		if (!valid) throw new ApiError(ErrorCode.validation, `${day} is not a calendar date.`);
	}
	if (startsOn && endsOn && endsOn < startsOn) throw new ApiError(ErrorCode.validation, 'The event cannot end before it starts.');
}

async function describeBoard(app: FastifyInstance, board: BoardRow): Promise<EventBoard> {
	const open = await openBoard(app, board);
	try {
		const own = statusOf(open);
		// A workshop split into tables: its tables' notes and people count as its own.
		const tables = await tableCounts(app, board.id);
		const notes = own.notes + tables.notes;
		const connected = open.connected + tables.connected;
		const { phase } = own;
		const status = own.status === 'closed' ? 'closed' : connected > 0 ? 'live' : own.status === 'not_started' && notes > 0 ? 'paused' : own.status;
		const meta = readMeta(open.source.doc);
		const participantToken = await participantTokenOf(app.db, board);
		return {
			id: board.id,
			title: meta.title || board.title,
			joinCode: board.joinCode,
			licence: board.licence,
			createdAt: board.createdAt.toISOString(),
			axes: meta.axes.map(({ id, title }) => ({ id, title })),
			status,
			phase,
			counts: { notes, connected },
			links: { participant: `/b/${board.id}${ROLE_PATH.participant}?token=${participantToken}` }
		};
	} finally {
		open.close();
	}
}

/** The event and the state of its workshops now (also the event page's data). */
export async function eventDetails(app: FastifyInstance, event: EventRow): Promise<EventDetails> {
	const { id, title, startsOn, endsOn, place, description, licence, createdAt } = event;
	const boards: EventBoard[] = [];
	for (const board of await boardsOfEvent(app.db, event.id)) boards.push(await describeBoard(app, board));
	return { id, title, startsOn, endsOn, place, description, licence, createdAt: createdAt.toISOString(), boards };
}

const events: FastifyPluginAsync = async (app) => {
	app.post<{ Body: CreateEventRequest }>(
		'/events',
		{ schema: { body: createBody } },
		async (request, reply): Promise<CreateEventResponse> => {
			const { startsOn, endsOn, place, description, licence } = request.body;
			checkDates(startsOn, endsOn);
			const title = cleanTitle(request.body.title);
			const input = { title, startsOn, endsOn, place: place?.trim(), description: description?.trim(), licence };
			const { event, organiserToken } = await insertEvent(app.db, input);
			reply.code(201);
			return { id: event.id, title, links: { organiser: eventPath(event.id, organiserToken) } };
		}
	);

	app.post<{ Params: { id: string }; Body: CreateEventBoardRequest & { axes?: unknown[] } }>(
		'/events/:id/boards',
		{ schema: { body: createBoardBody } },
		async (request, reply): Promise<CreateBoardResponse> => {
			const event = await requireEventOrganiser(request, request.params.id);
			const { template, axes, kit } = request.body;
			const title = cleanTitle(request.body.title);
			// A workshop's outcomes start under the event's licence.
			const created = await createBoard(app.db, {
				title, template, axes: checkAxes(axes), kit: kit === undefined ? undefined : parseKit(kit), eventId: event.id, licence: event.licence
			});
			reply.code(201);
			return created;
		}
	);

	app.get<{ Params: { id: string } }>('/events/:id', async (request): Promise<EventDetails> => {
		return eventDetails(app, await requireEventOrganiser(request, request.params.id));
	});

	app.delete<{ Params: { id: string } }>('/events/:id', async (request, reply) => {
		const event = await requireEventOrganiser(request, request.params.id);
		const ids = (await boardsOfEvent(app.db, event.id)).map((b) => b.id);
		await purgeBoards(app, ids, () => deleteEvent(app.db, event.id));
		request.log.info({ event: event.id, boards: ids.length }, 'event deleted');
		return reply.code(204).send();
	});
};

export default events;
