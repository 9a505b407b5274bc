/**
 * Tables of a workshop (issue 13): each table is a board of its own (its
 * tokens, join code, documents) whose row names its workshop. The workshop's
 * organiser, facilitator and projector tokens open its tables with the same
 * role; its participant link does not (participants join a table by its code).
 * Both dialects (server/store/types.ts: queries are awaited, tables from `db.t`).
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Role } from '../../src/lib/shared/roles';
import type { boards } from './schema-sqlite';
import type { Db } from './plugin';

export type TableRow = typeof boards.$inferSelect;

const INHERITED: readonly Role[] = ['organiser', 'facilitator', 'projector'];

/** The role a workshop token grants on one of its tables, else null. */
export async function workshopRoleOf(
	db: Db,
	boardId: string,
	token: string,
	ownRole: (db: Db, id: string, token: string) => Promise<Role | null>
): Promise<Role | null> {
	if (!token) return null;
	const { boards } = db.t;
	const [row] = await db.q.select({ workshopId: boards.workshopId }).from(boards).where(eq(boards.id, boardId)).limit(1);
	if (!row?.workshopId) return null;
	const role = await ownRole(db, row.workshopId, token);
	return role && INHERITED.includes(role) ? role : null;
}

/** A workshop's tables, by number. */
export async function tablesOf(db: Db, workshopId: string): Promise<TableRow[]> {
	const { boards } = db.t;
	return db.q.select().from(boards).where(eq(boards.workshopId, workshopId)).orderBy(asc(boards.tableNumber));
}

/** The tables of these workshops (to delete them with their workshops). */
export async function tableIdsOf(db: Db, workshopIds: string[]): Promise<string[]> {
	if (workshopIds.length === 0) return [];
	const { boards } = db.t;
	const rows = await db.q
		.select({ id: boards.id })
		.from(boards)
		.where(and(inArray(boards.workshopId, workshopIds), isNotNull(boards.workshopId)));
	return rows.map((r) => r.id);
}
