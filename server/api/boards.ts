/** `/api/boards`: create, read, update and delete boards (DESIGN.md, HTTP API). */
import type { FastifyPluginAsync } from 'fastify';
import { LIMITS } from '../../src/lib/shared/limits';
import { TEMPLATES, type Axis, type CreateBoardRequest, type CreateBoardResponse } from '../../src/lib/shared/api';
import { LICENCE_IDS } from '../../src/lib/shared/licences';
import type { BoardInfo, UpdateBoardRequest } from '../../src/lib/shared/outcomes';
import { ErrorCode } from '../../src/lib/shared/errors';
import { setTitle } from '../../src/lib/board/doc';
import { isAxis } from '../../src/lib/board/validate';
import { deleteBoard, setBoardLicence, setBoardTitle, type BoardRow } from '../db/boards';
import type { Role } from '../../src/lib/shared/roles';
import { createBoard, purgeBoards } from '../boards';
import { ApiError } from '../errors';
import { parseKit } from '../kits';
import { requireRole } from './auth';
import { publishBoardFact } from '../sync/board-facts';

const title = { type: 'string', minLength: 1, maxLength: LIMITS.titleLength } as const;

/** Body of a new board, here and in `POST /api/events/<id>/boards`. */
export const createBoardBody = {
	type: 'object',
	required: ['title'],
	additionalProperties: false,
	properties: {
		title,
		template: { type: 'string', enum: [...TEMPLATES] },
		/** Checked against the kit schema by parseKit (server/kits.ts), for an error naming the field. */
		kit: { type: 'object' },
		axes: { type: 'array', minItems: 1, maxItems: LIMITS.axesPerBoard, items: { type: 'object' } }
	}
} as const;

const updateBody = {
	type: 'object',
	additionalProperties: false,
	properties: { title, licence: { type: 'string', enum: [...LICENCE_IDS] } }
} as const;

export function cleanTitle(raw: string): string {
	const trimmed = raw.trim();
	if (!trimmed) throw new ApiError(ErrorCode.validation, 'The title cannot be blank.');
	return trimmed;
}

/** The same rules the server applies to axes written through the board document (validate.ts). */
export function checkAxes(axes: unknown[] | undefined): Axis[] | undefined {
	if (axes === undefined) return undefined;
	const ids = new Set<string>();
	for (const axis of axes) {
		if (!isAxis(axis) || ids.has(axis.id)) {
			throw new ApiError(ErrorCode.validation, 'Each axis needs a unique id (a-z, 0-9, -), a title and a description (may be empty).');
		}
		ids.add(axis.id);
	}
	return (axes as Axis[]).map(({ id, title, description }) => ({ id, title, description }));
}

function infoOf(board: BoardRow, role: Role): BoardInfo {
	const { id, title, licence, joinCode, createdAt, eventId } = board;
	return { id, title, licence, role, joinCode, createdAt: createdAt.toISOString(), eventId };
}

const boards: FastifyPluginAsync = async (app) => {
	app.post<{ Body: CreateBoardRequest & { axes?: unknown[] } }>(
		'/boards',
		{ schema: { body: createBoardBody } },
		async (request, reply): Promise<CreateBoardResponse> => {
			const { template, axes, kit } = request.body;
			const input = { title: cleanTitle(request.body.title), template, axes: checkAxes(axes), kit: kit === undefined ? undefined : parseKit(kit) };
			const created = await createBoard(app.db, input);
			reply.code(201);
			return created;
		}
	);

	app.get<{ Params: { id: string } }>('/boards/:id', async (request): Promise<BoardInfo> => {
		const { board, role } = await requireRole(request, request.params.id, 'projector');
		return infoOf(board, role);
	});

	app.patch<{ Params: { id: string }; Body: UpdateBoardRequest }>(
		'/boards/:id',
		{ schema: { body: updateBody } },
		async (request): Promise<BoardInfo> => {
			const { board, role } = await requireRole(request, request.params.id, 'organiser');
			// Fastify strips unknown keys, so `{ owner: … }` arrives as `{}`.
			if (request.body.title === undefined && request.body.licence === undefined) {
				throw new ApiError(ErrorCode.validation, 'Send a title, a licence, or both.');
			}
			if (request.body.title !== undefined) {
				const title = cleanTitle(request.body.title);
				await setBoardTitle(app.db, board.id, title);
				// The board document's title is what every open page shows: change it live.
				await app.rooms.run(board.id, async () => (await app.rooms.open(board.id)).serverWrite((doc) => setTitle(doc, title)));
				board.title = title;
			}
			if (request.body.licence !== undefined) {
				await setBoardLicence(app.db, board.id, request.body.licence);
				await publishBoardFact(app.rooms, board.id, 'licence', request.body.licence);
				board.licence = request.body.licence;
			}
			return infoOf(board, role);
		}
	);

	app.delete<{ Params: { id: string } }>('/boards/:id', async (request, reply) => {
		const { board } = await requireRole(request, request.params.id, 'organiser');
		await purgeBoards(app, [board.id], () => deleteBoard(app.db, board.id));
		request.log.info({ board: board.id }, 'board deleted');
		return reply.code(204).send();
	});
};

export default boards;
