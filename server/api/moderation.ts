/**
 * `/api/boards/<id>/moderation`: the moderation log and the bin of deleted
 * notes (facilitator and organiser), and restoring a deleted note, written
 * back into the board through its room (stored, then broadcast).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ModerationResponse, RestoreResponse } from '../../src/lib/shared/api';
import { ErrorCode } from '../../src/lib/shared/errors';
import { notesOf, restoreNote } from '../../src/lib/board/doc';
import { permissionsOf } from '../../src/lib/board/phases';
import { findDeletion, logModeration, readBin, readLog } from '../db/moderation';
import { ApiError } from '../errors';
import { requireRole } from './auth';

const restoreParams = {
	type: 'object',
	required: ['id', 'logId'],
	properties: { id: { type: 'string' }, logId: { type: 'integer', minimum: 1 } }
} as const;

const moderation: FastifyPluginAsync = async (app) => {
	app.get<{ Params: { id: string } }>('/boards/:id/moderation', async (request): Promise<ModerationResponse> => {
		const { board } = await requireRole(request, request.params.id, 'facilitator');
		return { log: await readLog(app.db, board.id), bin: await readBin(app.db, board.id) };
	});

	app.post<{ Params: { id: string; logId: number } }>(
		'/boards/:id/moderation/:logId/restore',
		{ schema: { params: restoreParams } },
		async (request): Promise<RestoreResponse> => {
			const { board, role } = await requireRole(request, request.params.id, 'facilitator');
			const entry = await findDeletion(app.db, board.id, request.params.logId);
			// In the board's queue: the session and the notes checked are the ones the restore is written after.
			await app.rooms.run(board.id, async () => {
				const room = await app.rooms.open(board.id);
				if (!permissionsOf(role, app.rooms.facilitation.session(board.id)).moderate) {
					throw new ApiError(ErrorCode.forbidden, 'The session is closed: only the organiser can restore notes now.');
				}
				if (!entry) throw new ApiError(ErrorCode.notFound, 'No deleted note to restore has this log id.');
				if (notesOf(room.doc).has(entry.note.id)) {
					throw new ApiError(ErrorCode.validation, 'This note is already on the board.');
				}
				await room.serverWrite((doc) => restoreNote(doc, entry.note));
			});
			await logModeration(app.db, board.id, null, [{ action: 'restore', noteId: entry!.note.id }]);
			return { noteId: entry!.note.id };
		}
	);
};

export default moderation;
