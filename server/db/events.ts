/**
 * Event storage (issue 5). An event has one organiser token, random and
 * stored hashed like the boards' (tokens.ts); it also acts as the organiser
 * of every board of the event (server/api/auth.ts).
 */
import { and, eq } from 'drizzle-orm';
import { DEFAULT_LICENCE } from '../../src/lib/shared/licences';
import type { CreateEventRequest } from '../../src/lib/shared/outcomes';
import { hashToken, randomBoardId, randomToken } from '../tokens';
import { boards, events, eventTokens } from './schema';
import type { Db } from './plugin';

export type EventRow = typeof events.$inferSelect;

/** Creates the event and its organiser token; returns the token in clear, once. */
export function insertEvent(db: Db, input: CreateEventRequest): { event: EventRow; organiserToken: string } {
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
	db.transaction((tx) => {
		tx.insert(events).values(event).run();
		tx.insert(eventTokens).values({ hash: hashToken(organiserToken), eventId: event.id, createdAt: new Date() }).run();
	});
	return { event, organiserToken };
}

export function findEvent(db: Db, id: string): EventRow | undefined {
	return db.select().from(events).where(eq(events.id, id)).get();
}

/** True when `token` is this event's organiser token (compared by hash). */
export function isEventOrganiser(db: Db, eventId: string, token: string): boolean {
	if (!token) return false;
	const row = db
		.select({ hash: eventTokens.hash })
		.from(eventTokens)
		.where(and(eq(eventTokens.hash, hashToken(token)), eq(eventTokens.eventId, eventId)))
		.get();
	return row !== undefined;
}

/**
 * Deletes the event, its boards (and with them their tokens, updates,
 * snapshots and moderation log, by cascade) and its token, in one transaction.
 */
export function deleteEvent(db: Db, id: string): boolean {
	return db.transaction((tx) => {
		tx.delete(boards).where(eq(boards.eventId, id)).run();
		return tx.delete(events).where(eq(events.id, id)).run().changes > 0;
	});
}
