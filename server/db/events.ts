/**
 * Event storage (issue 5). An event has one organiser token, random and
 * stored hashed like the boards' (tokens.ts); it also acts as the organiser
 * of every board of the event (server/api/auth.ts).
 */
import { and, eq } from 'drizzle-orm';
import { DEFAULT_LICENCE } from '../../src/lib/shared/licences';
import type { CreateEventRequest } from '../../src/lib/shared/outcomes';
import { hashToken, randomBoardId, randomToken } from '../tokens';
import type { events } from './schema-sqlite';
import type { Db } from './plugin';

export type EventRow = typeof events.$inferSelect;

/** Creates the event and its organiser token; returns the token in clear, once. */
export async function insertEvent(db: Db, input: CreateEventRequest): Promise<{ event: EventRow; organiserToken: string }> {
	const { events, eventTokens } = db.t;
	const event: EventRow = {
		id: randomBoardId(),
		title: input.title,
		startsOn: input.startsOn ?? null,
		endsOn: input.endsOn ?? null,
		place: input.place ?? '',
		description: input.description ?? '',
		licence: input.licence ?? DEFAULT_LICENCE,
		createdAt: new Date()
	};
	const organiserToken = randomToken();
	await db.atomic((tx) => [
		tx.insert(events).values(event),
		tx.insert(eventTokens).values({ hash: hashToken(organiserToken), eventId: event.id, createdAt: new Date() })
	]);
	return { event, organiserToken };
}

export async function findEvent(db: Db, id: string): Promise<EventRow | undefined> {
	const { events } = db.t;
	return (await db.q.select().from(events).where(eq(events.id, id)).limit(1))[0];
}

/** True when `token` is this event's organiser token (compared by hash). */
export async function isEventOrganiser(db: Db, eventId: string, token: string): Promise<boolean> {
	if (!token) return false;
	const { eventTokens } = db.t;
	const rows = await db.q
		.select({ hash: eventTokens.hash })
		.from(eventTokens)
		.where(and(eq(eventTokens.hash, hashToken(token)), eq(eventTokens.eventId, eventId)))
		.limit(1);
	return rows.length > 0;
}

/**
 * Deletes the event, its boards (and with them their tokens, updates,
 * snapshots and moderation log, by cascade) and its token, in one transaction.
 */
export async function deleteEvent(db: Db, id: string): Promise<boolean> {
	const { boards, events } = db.t;
	const [, deleted] = await db.atomic((tx) => [
		tx.delete(boards).where(eq(boards.eventId, id)),
		tx.delete(events).where(eq(events.id, id)).returning({ id: events.id })
	]);
	return (deleted as unknown[]).length > 0;
}
