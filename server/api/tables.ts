/**
 * A workshop split into tables (issue 13): `POST /api/boards/<id>/tables`
 * `{ count }` (facilitator and up) makes `count` more tables, each a board of
 * its own with the workshop's format (its kit) and its own links — the
 * table's facilitator link is the table reporter's; `GET …/tables`
 * (projector and up) lists them for the console and the plenary screen.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { LIMITS } from '../../src/lib/shared/limits';
import { ErrorCode } from '../../src/lib/shared/errors';
import type { SplitTablesResponse, TableInfo, TablesResponse } from '../../src/lib/shared/api';
import { KIT_SCHEMA_PATH } from '../../src/lib/kits/kit';
import { tablesOf, type TableRow } from '../db/tables';
import { createBoard } from '../boards';
import { openBoard, statusOf } from '../board-docs';
import { ApiError } from '../errors';
import { requireRole } from './auth';
import { boardKit } from './kits';

/** Notes and connections at a workshop's tables, added to the workshop's own on the event page. */
export async function tableCounts(app: FastifyInstance, workshopId: string): Promise<{ tables: number; notes: number; connected: number }> {
	const counts = { tables: 0, notes: 0, connected: 0 };
	for (const table of await tablesOf(app.db, workshopId)) {
		const open = await openBoard(app, table);
		try {
			counts.tables += 1;
			counts.notes += statusOf(open).notes;
			counts.connected += open.connected;
		} finally {
			open.close();
		}
	}
	return counts;
}

const splitBody = {
	type: 'object',
	required: ['count'],
	additionalProperties: false,
	properties: { count: { type: 'integer', minimum: 1, maximum: LIMITS.tablesPerWorkshop } }
} as const;

function infoOf(table: TableRow): TableInfo {
	return { id: table.id, number: table.tableNumber ?? 0, title: table.title, joinCode: table.joinCode, joinPath: `/j/${table.joinCode}` };
}

const tables: FastifyPluginAsync = async (app) => {
	app.get<{ Params: { id: string } }>('/boards/:id/tables', async (request): Promise<TablesResponse> => {
		const { board } = await requireRole(request, request.params.id, 'projector');
		return { tables: (await tablesOf(app.db, board.id)).map(infoOf) };
	});

	app.post<{ Params: { id: string }; Body: { count: number } }>(
		'/boards/:id/tables',
		{ schema: { body: splitBody } },
		async (request, reply): Promise<SplitTablesResponse> => {
			const { board } = await requireRole(request, request.params.id, 'facilitator');
			if (board.workshopId) throw new ApiError(ErrorCode.validation, 'A table cannot be split into tables.');
			const existing = await tablesOf(app.db, board.id);
			const { count } = request.body;
			if (existing.length === 0 && count < 2) throw new ApiError(ErrorCode.validation, 'Split a workshop into at least 2 tables.');
			if (existing.length + count > LIMITS.tablesPerWorkshop) {
				throw new ApiError(ErrorCode.validation, `A workshop has at most ${LIMITS.tablesPerWorkshop} tables (it has ${existing.length}).`);
			}
			// The workshop's format as it is now: axes, prompts, agenda, vote rules, never its notes.
			const kit = await boardKit(app, board, KIT_SCHEMA_PATH);
			const last = existing.reduce((max, t) => Math.max(max, t.tableNumber ?? 0), 0);
			const made: SplitTablesResponse['tables'] = [];
			for (let i = 0; i < count; i++) {
				const number = last + i + 1;
				const title = `${kit.title || board.title} — Table ${number}`.slice(0, LIMITS.titleLength);
				const created = await createBoard(app.db, { title, kit, licence: board.licence, table: { workshopId: board.id, tableNumber: number } });
				const info = { id: created.id, number, title, joinCode: created.joinCode, joinPath: `/j/${created.joinCode}` };
				made.push({ ...info, links: created.links });
			}
			request.log.info({ board: board.id, tables: count }, 'workshop split into tables');
			reply.code(201);
			return { tables: made };
		}
	);
};

export default tables;
