/**
 * The PostgreSQL schema (TRAME_DATABASE_URL): the same tables and columns as
 * `schema-sqlite.ts`, so one repository serves both (server/store/types.ts);
 * drizzle-kit generates `drizzle/pg` from it (`npm run db:generate`). Only
 * the column types differ (below). One difference on purpose: a board's
 * updates are numbered per board (`yjs_updates.id`, primary key with
 * `board_id`), the sequence several instances append to conditionally.
 */
import { pgTable, text, integer, serial, index, primaryKey, timestamp, customType, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { DEFAULT_LICENCE, LICENCE_IDS } from '../../src/lib/shared/licences';
import { MODERATION_ACTIONS } from '../../src/lib/shared/api';

/** SQLite's `integer` in timestamp_ms mode: a Date, here with millisecond precision. */
const timestampMs = (name: string) => timestamp(name, { mode: 'date', precision: 3, withTimezone: true });

/** SQLite's `blob` in buffer mode. */
const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const events = pgTable('events', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	startsOn: text('starts_on'),
	endsOn: text('ends_on'),
	place: text('place').notNull().default(''),
	description: text('description').notNull().default(''),
	licence: text('licence', { enum: LICENCE_IDS }).notNull().default(DEFAULT_LICENCE),
	createdAt: timestampMs('created_at').notNull()
});

export const eventTokens = pgTable(
	'event_tokens',
	{
		hash: text('hash').primaryKey(),
		eventId: text('event_id')
			.notNull()
			.references(() => events.id, { onDelete: 'cascade' }),
		createdAt: timestampMs('created_at').notNull()
	},
	(t) => [index('event_tokens_event_idx').on(t.eventId)]
);

export const boards = pgTable('boards', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	joinCode: text('join_code').notNull().unique(),
	participantGeneration: integer('participant_generation').notNull().default(0),
	createdAt: timestampMs('created_at').notNull(),
	licence: text('licence', { enum: LICENCE_IDS }).notNull().default(DEFAULT_LICENCE),
	/** As in SQLite, no cascade: deleteEvent() deletes the boards first. */
	eventId: text('event_id').references(() => events.id),
	closedAt: timestampMs('closed_at'),
	/** A table of a workshop (db/tables.ts). As in SQLite, no cascade: deleting a workshop deletes its tables first. */
	workshopId: text('workshop_id').references((): AnyPgColumn => boards.id),
	tableNumber: integer('table_number')
});

export const tokens = pgTable(
	'tokens',
	{
		hash: text('hash').primaryKey(),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['organiser', 'facilitator', 'participant', 'projector'] }).notNull(),
		createdAt: timestampMs('created_at').notNull()
	},
	(t) => [index('tokens_board_idx').on(t.boardId)]
);

/**
 * `id` is the board's sequence number (1, 2, 3… across all its documents):
 * an instance inserts `id = the sequence it validated against + 1`, and the
 * primary key refuses the second of two instances racing for the same number.
 */
export const updates = pgTable(
	'yjs_updates',
	{
		id: integer('id').notNull(),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		doc: text('doc').notNull().default('board'),
		data: bytes('data').notNull()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.id] }), index('yjs_updates_doc_idx').on(t.boardId, t.doc, t.id)]
);

export const snapshots = pgTable(
	'yjs_snapshots',
	{
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		doc: text('doc').notNull().default('board'),
		data: bytes('data').notNull(),
		lastUpdateId: integer('last_update_id').notNull(),
		updatedAt: timestampMs('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.boardId, t.doc] })]
);

export const moderation = pgTable(
	'moderation_log',
	{
		id: serial('id').primaryKey(),
		boardId: text('board_id')
			.notNull()
			.references(() => boards.id, { onDelete: 'cascade' }),
		action: text('action', { enum: MODERATION_ACTIONS }).notNull(),
		noteId: text('note_id').notNull(),
		note: text('note'),
		actorId: text('actor_id'),
		at: timestampMs('at').notNull()
	},
	(t) => [index('moderation_board_idx').on(t.boardId, t.id)]
);

export const settings = pgTable('settings', {
	key: text('key').primaryKey(),
	value: text('value').notNull()
});
