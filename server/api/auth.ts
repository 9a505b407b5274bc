/** Bearer-token checks for API routes (the token decides the role, DESIGN.md). */
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '../../src/lib/shared/errors';
import { hasRole, type Role } from '../../src/lib/shared/roles';
import { findBoard, roleOf, type BoardRow } from '../db/boards';
import { ApiError } from '../errors';

export function bearerToken(request: FastifyRequest): string | null {
	const header = request.headers.authorization ?? '';
	const match = /^Bearer\s+(\S+)$/i.exec(header);
	return match ? match[1] : null;
}

/** The board, if the request's bearer token grants at least `needed` on it; else 401/403/404. */
export function requireRole(request: FastifyRequest, boardId: string, needed: Role): { board: BoardRow; role: Role } {
	const board = findBoard(request.server.db, boardId);
	if (!board) throw new ApiError(ErrorCode.notFound, 'No board has this id.');
	const token = bearerToken(request);
	if (!token) throw new ApiError(ErrorCode.unauthorized, 'Send the token as "Authorization: Bearer <token>".');
	const role = roleOf(request.server.db, boardId, token);
	if (!role) throw new ApiError(ErrorCode.unauthorized, 'This token is wrong or was revoked.');
	if (!hasRole(role, needed)) throw new ApiError(ErrorCode.forbidden, `This action needs the ${needed} link.`);
	return { board, role };
}
