/**
 * The one schema file; drizzle-kit generates `drizzle/` from it
 * (`npm run db:generate`). Deleting a board cascades to everything it owns.
 */
import { sqliteTable, text, integer, blob, index, primaryKey } from 'drizzle-orm/sqlite-core';

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

/**
 * Yjs updates appended as they arrive, before they are broadcast. A board has
 * several documents (`doc`): 'board' (the notes), 'session' (facilitator
 * state), 'private/<participantId>' (notes written before a reveal).
 */
export const updates = sqliteTable(
	'yjs_updates',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		doc: text('doc').notNull().default('board'),
		data: blob('data', { mode: 'buffer' }).notNull()
	},
	(t) => [index('yjs_updates_doc_idx').on(t.boardId, t.doc, t.id)]
);

/** One compacted state per document; loading = snapshot + the updates after `lastUpdateId`. */
export const snapshots = sqliteTable(
	'yjs_snapshots',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		doc: text('doc').notNull().default('board'),
		data: blob('data', { mode: 'buffer' }).notNull(),
		lastUpdateId: integer('last_update_id').notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.doc] })]
);

/** Notes a facilitator deleted, restorable, and the moderation log (never exported). */
export const moderation = sqliteTable(
	'moderation_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		action: text('action', { enum: ['hide', 'unhide', 'delete', 'restore'] }).notNull(),
		noteId: text('note_id').notNull(),
		/** The note as it was (JSON), kept for 'delete' so it can be restored. */
		note: text('note'),
		actorId: text('actor_id'),
		at: integer('at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('moderation_board_idx').on(t.boardId, t.id)]
);

/** Instance-wide secrets and settings (e.g. the key participant links are derived from). */
export const settings = sqliteTable('settings', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});
