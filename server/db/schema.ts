/**
 * The one schema file; drizzle-kit generates `drizzle/` from it
 * (`npm run db:generate`). Deleting a board cascades to everything it owns.
 */
import { sqliteTable, text, integer, blob, index } from 'drizzle-orm/sqlite-core';

export const boards = sqliteTable('boards', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	joinCode: text('join_code').notNull().unique(),
	/** Bumped to revoke the participant link, whose token is derived from it (tokens.ts). */
	participantGeneration: integer('participant_generation').notNull().default(0),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

/** Only SHA-256 hashes of tokens are stored; the role comes from the row, never from the client. */
export const tokens = sqliteTable(
	'tokens',
	{
		hash: text('hash').primaryKey(),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['organiser', 'facilitator', 'participant', 'projector'] }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('tokens_board_idx').on(t.boardId)]
);

/** Yjs updates appended as they arrive, before they are broadcast. */
export const updates = sqliteTable(
	'yjs_updates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		data: blob('data', { mode: 'buffer' }).notNull()
	},
	(t) => [index('yjs_updates_board_idx').on(t.boardId, t.id)]
);

/** One compacted state per board; loading = snapshot + the updates after `lastUpdateId`. */
export const snapshots = sqliteTable('yjs_snapshots', {
	boardId: text('board_id')
		.primaryKey()
		.references(() => boards.id, { onDelete: 'cascade' }),
	data: blob('data', { mode: 'buffer' }).notNull(),
	lastUpdateId: integer('last_update_id').notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

/** Instance-wide secrets and settings (e.g. the key participant links are derived from). */
export const settings = sqliteTable('settings', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});
