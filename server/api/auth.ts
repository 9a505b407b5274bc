/** Bearer-token checks for API routes (the token decides the role, DESIGN.md). */
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '../../src/lib/shared/errors';
import { hasRole, type Role } from '../../src/lib/shared/roles';
import { findBoard, roleOf, type BoardRow } from '../db/boards';
import { findEvent, isEventOrganiser, type EventRow } from '../db/events';
import { ApiError } from '../errors';

export function bearerToken(request: FastifyRequest): string | null {
	const header = request.headers.authorization ?? '';
	const match = /^Bearer\s+(\S+)$/i.exec(header);
	return match ? match[1] : null;
}

function requireToken(request: FastifyRequest): string {
	const token = bearerToken(request);
	if (!token) throw new ApiError(ErrorCode.unauthorized, 'Send the token as "Authorization: Bearer <token>".');
	return token;
}

/**
 * The role a token grants on a board: the board's own tokens, or the
 * organiser token of the board's event, which organises all its workshops.
 */
async function boardRoleOf(request: FastifyRequest, board: BoardRow, token: string): Promise<Role | null> {
	const role = await roleOf(request.server.db, board.id, token);
	if (role) return role;
	return board.eventId && (await isEventOrganiser(request.server.db, board.eventId, token)) ? 'organiser' : null;
}

/** The board, if the request's bearer token grants at least `needed` on it; else 401/403/404. */
export async function requireRole(request: FastifyRequest, boardId: string, needed: Role): Promise<{ board: BoardRow; role: Role }> {
	const board = await findBoard(request.server.db, boardId);
	if (!board) throw new ApiError(ErrorCode.notFound, 'No board has this id.');
	const role = await boardRoleOf(request, board, requireToken(request));
	if (!role) throw new ApiError(ErrorCode.unauthorized, 'This token is wrong or was revoked.');
	if (!hasRole(role, needed)) throw new ApiError(ErrorCode.forbidden, `This action needs the ${needed} link.`);
	return { board, role };
}

/** The event, if the bearer token is its organiser token; else 401/404. */
export async function requireEventOrganiser(request: FastifyRequest, eventId: string): Promise<EventRow> {
	const event = await findEvent(request.server.db, eventId);
	if (!event) throw new ApiError(ErrorCode.notFound, 'No event has this id.');
	if (!(await isEventOrganiser(request.server.db, eventId, requireToken(request)))) {
		throw new ApiError(ErrorCode.unauthorized, 'This token is not the organiser token of this event.');
	}
	return event;
}
