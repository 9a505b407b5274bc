/**
 * A board's life beyond its rows: creating it with its first document, and
 * deleting it so that nothing of it stays in the database file. Shared by
 * `/api/boards`, `/api/events` and the retention sweep.
 */
import type { FastifyInstance } from 'fastify';
import * as Y from 'yjs';
import type { Axis, CreateBoardResponse, Template } from '../src/lib/shared/api';
import type { LicenceId } from '../src/lib/shared/licences';
import { ROLE_PATH, ROLES, type Role } from '../src/lib/shared/roles';
import { TEMPLATE_KITS } from '../src/lib/shared/templates';
import type { Kit } from '../src/lib/kits/kit';
import { writeKit } from '../src/lib/kits/apply';
import { deleteBoards, insertBoard, type BoardPlacement, type RoleTokens } from './db/boards';
import { tableIdsOf } from './db/tables';
import type { Db } from './db/plugin';
import { BOARD_DOC, SESSION_DOC } from './sync/persistence';

export interface NewBoard {
	title: string;
	template?: Template;
	/** Axes to start with, instead of the template's (already validated). */
	axes?: Axis[];
	/** The format to start from (already checked, server/kits.ts); wins over `template`. */
	kit?: Kit;
	eventId?: string | null;
	licence?: LicenceId;
	/** A table of a workshop (db/tables.ts). */
	table?: Required<Pick<BoardPlacement, 'workshopId' | 'tableNumber'>>;
}

export function linksOf(boardId: string, tokens: RoleTokens): Record<Role, string> {
	const entries = ROLES.map((role) => [role, `/b/${boardId}${ROLE_PATH[role]}?token=${tokens[role]}`]);
	return Object.fromEntries(entries) as Record<Role, string>;
}

/** Creates the board, its tokens and its first document; the links are returned once. */
export async function createBoard(db: Db, input: NewBoard): Promise<CreateBoardResponse> {
	const { board, tokens } = await insertBoard(db, input.title, { eventId: input.eventId, licence: input.licence, ...input.table });
	const kit = input.kit ?? TEMPLATE_KITS[input.template ?? 'nec'];
	const doc = new Y.Doc();
	const session = new Y.Doc();
	writeKit(doc, session, input.axes ? { ...kit, axes: input.axes.map((a) => ({ ...a, prompt: a.prompt ?? '' })) } : kit, input.title);
	// The initial states are stored as the board's first snapshots (no tail yet).
	await db.store.compact(board.id, BOARD_DOC, Y.encodeStateAsUpdate(doc), 0);
	await db.store.compact(board.id, SESSION_DOC, Y.encodeStateAsUpdate(session), 0);
	doc.destroy();
	session.destroy();
	return { id: board.id, title: input.title, joinCode: board.joinCode, links: linksOf(board.id, tokens) };
}

/**
 * Deletes boards for good: closes their connections on every instance (so
 * nothing more is stored), runs `remove` (the row deletes; cascades take
 * tokens, updates, snapshots, moderation log), then lets the database drop
 * the deleted pages (SQLite: the WAL is checkpointed and truncated, with
 * `secure_delete` the rows are overwritten in the main file).
 */
export async function purgeBoards<T>(app: FastifyInstance, boardIds: string[], remove: () => Promise<T>): Promise<T> {
	// A workshop's tables go with it, first (their rows point at it).
	const tables = await tableIdsOf(app.db, boardIds);
	for (const id of [...boardIds, ...tables]) await app.rooms.evict(id);
	await deleteBoards(app.db, tables);
	const result = await remove();
	await app.db.afterPurge();
	return result;
}
