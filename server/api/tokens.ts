/**
 * `POST /api/boards/<id>/tokens/<role>/regenerate` (organiser): a leaked link
 * stops working at once — the old token is deleted, and the connections
 * opened with it are closed (CloseCode.revoked) and cannot come back.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { RegenerateLinkResponse } from '../../src/lib/shared/api';
import { ROLE_PATH } from '../../src/lib/shared/roles';
import { regenerateToken, REGENERABLE_ROLES, type RegenerableRole } from '../db/boards';
import { tablesOf } from '../db/tables';
import { requireRole } from './auth';
import { publishBoardFact } from '../sync/board-facts';

const params = {
	type: 'object',
	required: ['id', 'role'],
	properties: { id: { type: 'string' }, role: { type: 'string', enum: [...REGENERABLE_ROLES] } }
} as const;

const tokens: FastifyPluginAsync = async (app) => {
	app.post<{ Params: { id: string; role: RegenerableRole } }>(
		'/boards/:id/tokens/:role/regenerate',
		{ schema: { params } },
		async (request): Promise<RegenerateLinkResponse> => {
			const { board } = await requireRole(request, request.params.id, 'organiser');
			const { role } = request.params;
			const { token, joinCode, revoked } = await regenerateToken(app.db, board, role);
			// A workshop's token also opened its tables (db/tables.ts): close those connections too.
			const boards = [board.id, ...(await tablesOf(app.db, board.id)).map((t) => t.id)];
			const closed = boards.reduce((sum, id) => sum + app.rooms.revoke(id, revoked), 0);
			if (role === 'participant') await publishBoardFact(app.rooms, board.id, 'joinCode', joinCode);
			request.log.info({ board: board.id, role, closed }, 'link regenerated');
			return { links: { [role]: `/b/${board.id}${ROLE_PATH[role]}?token=${token}` }, joinCode };
		}
	);
};

export default tokens;
