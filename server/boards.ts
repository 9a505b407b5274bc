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
import { TEMPLATE_AXES } from '../src/lib/shared/templates';
import { initBoard } from '../src/lib/board/doc';
import { insertBoard, type RoleTokens } from './db/boards';
import type { Db } from './db/plugin';
import { BOARD_DOC } from './sync/persistence';

export interface NewBoard {
	title: string;
	template?: Template;
	/** Axes to start with, instead of the template's (already validated). */
	axes?: Axis[];
	eventId?: string | null;
	licence?: LicenceId;
}

export function linksOf(boardId: string, tokens: RoleTokens): Record<Role, string> {
	const entries = ROLES.map((role) => [role, `/b/${boardId}${ROLE_PATH[role]}?token=${tokens[role]}`]);
	return Object.fromEntries(entries) as Record<Role, string>;
}

/** Creates the board, its tokens and its first document; the links are returned once. */
export async function createBoard(db: Db, input: NewBoard): Promise<CreateBoardResponse> {
	const { board, tokens } = await insertBoard(db, input.title, { eventId: input.eventId, licence: input.licence });
	const doc = new Y.Doc();
	initBoard(doc, { title: input.title, axes: input.axes ?? TEMPLATE_AXES[input.template ?? 'nec'] });
	// The initial state is stored as the board's first snapshot (no tail yet).
	await db.store.compact(board.id, BOARD_DOC, Y.encodeStateAsUpdate(doc), 0);
	doc.destroy();
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
	for (const id of boardIds) await app.rooms.evict(id);
	const result = await remove();
	await app.db.afterPurge();
	return result;
}
