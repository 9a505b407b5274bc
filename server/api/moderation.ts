/**
 * `/api/boards/<id>/moderation`: the moderation log, the bin of deleted
 * notes, the hidden notes (withheld from the board: only the server keeps
 * them), participants' reports and the pre-moderation queue (facilitator and
 * organiser); restoring a deleted or hidden note and deciding on a waiting
 * one, written into the board through its room (stored, then broadcast).
 * `POST /api/boards/<id>/notes/<noteId>/report` lets a participant flag a note.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ModerationResponse, PendingResponse, ReportResponse, RestoreResponse } from '../../src/lib/shared/api';
import { ErrorCode } from '../../src/lib/shared/errors';
import { KEY_PATTERN, participantIdOf } from '../../src/lib/shared/identity';
import { LIMITS } from '../../src/lib/shared/limits';
import { notesOf, readNote, restoreNote } from '../../src/lib/board/doc';
import { permissionsOf } from '../../src/lib/board/phases';
import { findWithheld, logModeration, readLog, readReports, readWithheld } from '../db/moderation';
import { ApiError } from '../errors';
import { requireRole } from './auth';

const restoreParams = {
	type: 'object',
	required: ['id', 'logId'],
	properties: { id: { type: 'string' }, logId: { type: 'integer', minimum: 1 } }
} as const;

const decisionParams = {
	type: 'object',
	required: ['id', 'noteId', 'decision'],
	properties: { id: { type: 'string' }, noteId: { type: 'string', maxLength: 64 }, decision: { type: 'string', enum: ['accept', 'reject'] } }
} as const;

const reportSchema = {
	params: { type: 'object', required: ['id', 'noteId'], properties: { id: { type: 'string' }, noteId: { type: 'string', maxLength: 64 } } },
	body: {
		type: 'object',
		required: ['key'],
		additionalProperties: false,
		properties: { key: { type: 'string', pattern: KEY_PATTERN.source } }
	}
} as const;

const moderation: FastifyPluginAsync = async (app) => {
	/** The board's notes as this instance holds them (in its queue: nothing unstored). */
	const notesNow = (boardId: string) => app.rooms.run(boardId, async () => notesOf((await app.rooms.open(boardId)).doc));

	async function reportsOf(boardId: string): Promise<ModerationResponse['reports']> {
		const notes = await notesNow(boardId);
		return [...(await readReports(app.db, boardId))]
			.flatMap(([noteId, r]) => {
				const map = notes.get(noteId);
				return map ? [{ noteId, text: readNote(map).text, count: r.reporters.size, at: r.at }] : [];
			})
			.sort((a, b) => b.count - a.count || b.at - a.at);
	}

	app.get<{ Params: { id: string } }>('/boards/:id/moderation', async (request): Promise<ModerationResponse> => {
		const { board } = await requireRole(request, request.params.id, 'facilitator');
		return {
			log: await readLog(app.db, board.id),
			bin: await readWithheld(app.db, board.id, 'bin'),
			hidden: await readWithheld(app.db, board.id, 'hidden'),
			reports: await reportsOf(board.id),
			pending: await app.rooms.run(board.id, () => app.rooms.facilitation.pending(board.id))
		};
	});

	/** A deleted note back on the board, or a hidden one shown again. */
	app.post<{ Params: { id: string; logId: number } }>(
		'/boards/:id/moderation/:logId/restore',
		{ schema: { params: restoreParams } },
		async (request): Promise<RestoreResponse> => {
			const { board, role } = await requireRole(request, request.params.id, 'facilitator');
			const entry = await findWithheld(app.db, board.id, request.params.logId);
			// In the board's queue: the session and the notes checked are the ones the restore is written after.
			await app.rooms.run(board.id, async () => {
				const room = await app.rooms.open(board.id);
				if (!permissionsOf(role, app.rooms.facilitation.session(board.id)).moderate) {
					throw new ApiError(ErrorCode.forbidden, 'The session is closed: only the organiser can restore notes now.');
				}
				if (!entry) throw new ApiError(ErrorCode.notFound, 'No deleted or hidden note to restore has this log id.');
				if (notesOf(room.doc).has(entry.note.id)) {
					throw new ApiError(ErrorCode.validation, 'This note is already on the board.');
				}
				await room.serverWrite((doc) => restoreNote(doc, { ...entry.note, hidden: undefined }));
			});
			await logModeration(app.db, board.id, null, [{ action: entry!.hidden ? 'unhide' : 'restore', noteId: entry!.note.id }]);
			return { noteId: entry!.note.id };
		}
	);

	app.post<{ Params: { id: string; noteId: string; decision: 'accept' | 'reject' } }>(
		'/boards/:id/moderation/pending/:noteId/:decision',
		{ schema: { params: decisionParams } },
		async (request): Promise<PendingResponse> => {
			const { board } = await requireRole(request, request.params.id, 'facilitator');
			const accepted = request.params.decision === 'accept';
			const note = await app.rooms.run(board.id, () => app.rooms.facilitation.decide(board.id, request.params.noteId, accepted));
			if (!note) throw new ApiError(ErrorCode.notFound, 'No note with this id is waiting for moderation.');
			// A rejected note goes to the bin, from where it can still be restored.
			await logModeration(app.db, board.id, null, [{ action: accepted ? 'accept' : 'reject', noteId: note.id, note: accepted ? undefined : note }]);
			return { noteId: note.id, accepted };
		}
	);

	app.post<{ Params: { id: string; noteId: string }; Body: { key: string } }>(
		'/boards/:id/notes/:noteId/report',
		{ schema: reportSchema },
		async (request): Promise<ReportResponse> => {
			const { board } = await requireRole(request, request.params.id, 'participant');
			const { noteId } = request.params;
			if (!(await notesNow(board.id)).has(noteId)) throw new ApiError(ErrorCode.notFound, 'No note on this board has this id.');
			const reporter = await participantIdOf(request.body.key);
			const reporters = (await readReports(app.db, board.id)).get(noteId)?.reporters ?? new Set<string>();
			// One report per participant and note: reporting twice changes nothing.
			if (reporters.has(reporter) || reporters.size >= LIMITS.reportsPerNote) return { count: reporters.size };
			await logModeration(app.db, board.id, reporter, [{ action: 'report', noteId }]);
			return { count: reporters.size + 1 };
		}
	);
};

export default moderation;
