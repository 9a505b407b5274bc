/**
 * The moderation log: what facilitators hid, showed again, deleted and
 * restored. Deleted notes keep their JSON here (the bin). Never exported.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Note } from '../../src/lib/board/doc';
import type { ModerationAction, ModerationResponse } from '../../src/lib/shared/api';
import { moderation } from './schema';
import type { Db } from './plugin';

export interface ModerationEvent {
	action: ModerationAction;
	noteId: string;
	/** The note as it was, for deletes. */
	note?: Note;
}

export type LogEntry = ModerationResponse['log'][number];
export type BinEntry = ModerationResponse['bin'][number];

export function logModeration(db: Db, boardId: string, actorId: string | null, events: ModerationEvent[]): void {
	if (events.length === 0) return;
	const at = new Date();
	db.insert(moderation)
		.values(events.map((e) => ({ boardId, actorId, at, action: e.action, noteId: e.noteId, note: e.note ? JSON.stringify(e.note) : null })))
		.run();
}

/** Newest first. */
export function readLog(db: Db, boardId: string): LogEntry[] {
	return db
		.select({ id: moderation.id, action: moderation.action, noteId: moderation.noteId, actorId: moderation.actorId, at: moderation.at })
		.from(moderation)
		.where(eq(moderation.boardId, boardId))
		.orderBy(desc(moderation.id))
		.all()
		.map((row) => ({ ...row, at: row.at.getTime() }));
}

/** Deleted notes not restored since, newest first. */
export function readBin(db: Db, boardId: string): BinEntry[] {
	const rows = db.select().from(moderation).where(eq(moderation.boardId, boardId)).orderBy(desc(moderation.id)).all();
	const restored = new Set<string>();
	const bin: BinEntry[] = [];
	for (const row of rows) {
		if (row.action === 'restore') restored.add(row.noteId);
		if (row.action !== 'delete' || !row.note || restored.has(row.noteId)) continue;
		restored.add(row.noteId); // only the latest deletion of a note is restorable
		bin.push({ logId: row.id, note: JSON.parse(row.note) as Note, at: row.at.getTime() });
	}
	return bin;
}

/** A delete entry of this board whose note can be restored, or undefined. */
export function findDeletion(db: Db, boardId: string, logId: number): BinEntry | undefined {
	return readBin(db, boardId).find((entry) => entry.logId === logId);
}
