/**
 * The SQLite schema (the embedded mode); drizzle-kit generates `drizzle/sqlite`
 * from it (`npm run db:generate`). `schema-pg.ts` has the same tables and
 * columns for PostgreSQL (tests/unit/server/schemas.test.ts compares them):
 * change both together. Deleting a board cascades to everything it owns.
 */
import { sqliteTable, text, integer, blob, index, primaryKey, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { DEFAULT_LICENCE, LICENCE_IDS } from '../../src/lib/shared/licences';
import { MODERATION_ACTIONS } from '../../src/lib/shared/api';

/** An event groups workshops (boards); deleting it deletes them (server/db/events.ts). */
export const events = sqliteTable('events', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	/** Calendar dates, YYYY-MM-DD. */
	startsOn: text('starts_on'),
	endsOn: text('ends_on'),
	place: text('place').notNull().default(''),
	description: text('description').notNull().default(''),
	licence: text('licence', { enum: LICENCE_IDS }).notNull().default(DEFAULT_LICENCE),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
});

/** An event's organiser token, hashed like board tokens (tokens.ts); events have no other role. */
export const eventTokens = sqliteTable(
	'event_tokens',
	{
		hash: text('hash').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('event_tokens_event_idx').on(t.eventId)]
);

export const boards = sqliteTable('boards', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	joinCode: text('join_code').notNull().unique(),
	/** Bumped to revoke the participant link, whose token is derived from it (tokens.ts). */
	participantGeneration: integer('participant_generation').notNull().default(0),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	/** The licence of the board's outcomes, shown to participants before they write. */
	licence: text('licence', { enum: LICENCE_IDS }).notNull().default(DEFAULT_LICENCE),
	/** No ON DELETE CASCADE: SQLite cannot add one to an existing table; deleteEvent() deletes the boards first. */
	eventId: text('event_id').references(() => events.id),
	/** When the server first saw the session closed; the retention sweep counts from it. */
	closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
	/**
	 * A table of a workshop (issue 13): the workshop board it belongs to, whose
	 * tokens also open it (db/tables.ts). No cascade, as for eventId: deleting
	 * a workshop deletes its tables first.
	 */
	workshopId: text('workshop_id').references((): AnySQLiteColumn => boards.id),
	/** The table's number in its workshop, from 1. */
	tableNumber: integer('table_number')
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
		action: text('action', { enum: MODERATION_ACTIONS }).notNull(),
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
