/** `/api/boards`: create and delete boards (DESIGN.md, HTTP API). */
import type { FastifyPluginAsync } from 'fastify';
import * as Y from 'yjs';
import { LIMITS } from '../../src/lib/shared/limits';
import { TEMPLATES, type CreateBoardRequest, type CreateBoardResponse } from '../../src/lib/shared/api';
import { TEMPLATE_AXES } from '../../src/lib/shared/templates';
import { ROLE_PATH, ROLES, type Role } from '../../src/lib/shared/roles';
import { ErrorCode } from '../../src/lib/shared/errors';
import { initBoard } from '../../src/lib/board/doc';
import { deleteBoard, insertBoard, type RoleTokens } from '../db/boards';
import { compact } from '../sync/persistence';
import { ApiError } from '../errors';
import { requireRole } from './auth';

const createBody = {
	type: 'object',
	required: ['title'],
	additionalProperties: false,
	properties: {
		title: { type: 'string', minLength: 1, maxLength: LIMITS.titleLength },
		template: { type: 'string', enum: [...TEMPLATES] }
	}
} as const;

export function linksOf(boardId: string, tokens: RoleTokens): Record<Role, string> {
	const entries = ROLES.map((role) => [role, `/b/${boardId}${ROLE_PATH[role]}?token=${tokens[role]}`]);
	return Object.fromEntries(entries) as Record<Role, string>;
}

const boards: FastifyPluginAsync = async (app) => {
	app.post<{ Body: CreateBoardRequest }>(
		'/boards',
		{ schema: { body: createBody } },
		async (request, reply): Promise<CreateBoardResponse> => {
			const title = request.body.title.trim();
			if (!title) throw new ApiError(ErrorCode.validation, 'The title cannot be blank.');
			const { board, tokens } = insertBoard(app.db, title);
			const doc = new Y.Doc();
			initBoard(doc, { title, axes: TEMPLATE_AXES[request.body.template ?? 'nec'] });
			// The initial state is stored as the board's first snapshot (no tail yet).
			compact(app.db, board.id, Y.encodeStateAsUpdate(doc), 0);
			doc.destroy();
			reply.code(201);
			return { id: board.id, title, joinCode: board.joinCode, links: linksOf(board.id, tokens) };
		}
	);

	app.delete<{ Params: { id: string } }>('/boards/:id', async (request, reply) => {
		const { board } = requireRole(request, request.params.id, 'organiser');
		app.rooms.evict(board.id);
		deleteBoard(app.db, board.id);
		request.log.info({ board: board.id }, 'board deleted');
		return reply.code(204).send();
	});
};

export default boards;
