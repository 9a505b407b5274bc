/**
 * Tables of a workshop (issue 13): each table is a board of its own (its
 * tokens, join code, documents) whose row names its workshop. The workshop's
 * organiser, facilitator and projector tokens open its tables with the same
 * role; its participant link does not (participants join a table by its code).
 * Synchronous, like the rest of db/ (better-sqlite3).
 */
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Role } from '../../src/lib/shared/roles';
import { boards } from './schema';
import type { Db } from './plugin';

export type TableRow = typeof boards.$inferSelect;

const INHERITED: readonly Role[] = ['organiser', 'facilitator', 'projector'];

/** The role a workshop token grants on one of its tables, else null. */
export function workshopRoleOf(db: Db, boardId: string, token: string, ownRole: (db: Db, id: string, token: string) => Role | null): Role | null {
	if (!token) return null;
	const row = db.select({ workshopId: boards.workshopId }).from(boards).where(eq(boards.id, boardId)).get();
	if (!row?.workshopId) return null;
	const role = ownRole(db, row.workshopId, token);
	return role && INHERITED.includes(role) ? role : null;
}

/** A workshop's tables, by number. */
export function tablesOf(db: Db, workshopId: string): TableRow[] {
	return db.select().from(boards).where(eq(boards.workshopId, workshopId)).orderBy(asc(boards.tableNumber)).all();
}

/** The tables of these workshops (to delete them with their workshops). */
export function tableIdsOf(db: Db, workshopIds: string[]): string[] {
	if (workshopIds.length === 0) return [];
	return db
		.select({ id: boards.id })
		.from(boards)
		.where(and(inArray(boards.workshopId, workshopIds), isNotNull(boards.workshopId)))
		.all()
		.map((r) => r.id);
}
