/** What SvelteKit's server-side loads may ask of the server (src/lib/shared/services.ts). */
import type { FastifyInstance } from 'fastify';
import type { TrameServices } from '../src/lib/shared/services';
import { normaliseJoinCode } from '../src/lib/shared/join-code';
import { ROLE_PATH } from '../src/lib/shared/roles';
import type { Config } from './config';
import { findBoard, findBoardByJoinCode, participantTokenOf, roleOf } from './db/boards';
import { findEvent, isEventOrganiser } from './db/events';
import { boardOutcome, eventOutcome } from './api/export';
import { eventDetails } from './api/events';
import { openBoard } from './board-docs';
import { readAgenda } from '../src/lib/board/agenda';

export function createServices(app: FastifyInstance, config: Pick<Config, 'publicUrl' | 'instanceKey' | 'site'>): TrameServices {
	return {
		publicUrl: config.publicUrl,
		instanceKeyRequired: config.instanceKey !== null,
		site: config.site,
		async access(boardId, token) {
			const board = await findBoard(app.db, boardId);
			if (!board) return { ok: false, reason: 'unknown_board' };
			const role = await roleOf(app.db, boardId, token);
			if (!role) return { ok: false, reason: 'bad_token' };
			return {
				ok: true,
				access: { boardId, role, title: board.title, joinCode: board.joinCode, joinPath: `/j/${board.joinCode}`, workshopId: board.workshopId },
				licence: board.licence
			};
		},
		async join(code) {
			const board = await findBoardByJoinCode(app.db, normaliseJoinCode(code));
			if (!board) return null;
			const token = await participantTokenOf(app.db, board);
			return { boardId: board.id, participantPath: `/b/${board.id}${ROLE_PATH.participant}?token=${token}` };
		},
		async boardOutcome(boardId) {
			const board = await findBoard(app.db, boardId);
			return board ? boardOutcome(app, board) : null;
		},
		async agenda(boardId) {
			const board = await findBoard(app.db, boardId);
			if (!board) return null;
			const open = await openBoard(app, board);
			try {
				return readAgenda(open.session);
			} finally {
				open.close();
			}
		},
		async event(eventId, token) {
			const event = await findEvent(app.db, eventId);
			if (!event) return { ok: false, reason: 'unknown_event' };
			if (!(await isEventOrganiser(app.db, eventId, token))) return { ok: false, reason: 'bad_token' };
			return { ok: true, event: await eventDetails(app, event) };
		},
		async eventOutcome(eventId) {
			const event = await findEvent(app.db, eventId);
			return event ? eventOutcome(app, event) : null;
		}
	};
}
