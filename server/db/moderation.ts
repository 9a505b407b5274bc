/**
 * The moderation log: what facilitators hid, showed again, deleted and
 * restored. Deleted notes keep their JSON here (the bin). Never exported.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Note } from '../../src/lib/board/doc';
import type { ModerationAction, ModerationResponse } from '../../src/lib/shared/api';
import type { Db } from './plugin';

export interface ModerationEvent {
	action: ModerationAction;
	noteId: string;
	/** The note as it was, for deletes. */
	note?: Note;
}

export type LogEntry = ModerationResponse['log'][number];
export type BinEntry = ModerationResponse['bin'][number];

export async function logModeration(db: Db, boardId: string, actorId: string | null, events: ModerationEvent[]): Promise<void> {
	if (events.length === 0) return;
	const at = new Date();
	await db.q
		.insert(db.t.moderation)
		.values(events.map((e) => ({ boardId, actorId, at, action: e.action, noteId: e.noteId, note: e.note ? JSON.stringify(e.note) : null })));
}

/** Newest first. */
export async function readLog(db: Db, boardId: string): Promise<LogEntry[]> {
	const { moderation } = db.t;
	const rows = await db.q
		.select({ id: moderation.id, action: moderation.action, noteId: moderation.noteId, actorId: moderation.actorId, at: moderation.at })
		.from(moderation)
		.where(eq(moderation.boardId, boardId))
		.orderBy(desc(moderation.id));
	return rows.map((row) => ({ ...row, at: row.at.getTime() }));
}

/** Deleted notes not restored since, newest first. */
export async function readBin(db: Db, boardId: string): Promise<BinEntry[]> {
	const { moderation } = db.t;
	const rows = await db.q.select().from(moderation).where(eq(moderation.boardId, boardId)).orderBy(desc(moderation.id));
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
export async function findDeletion(db: Db, boardId: string, logId: number): Promise<BinEntry | undefined> {
	return (await readBin(db, boardId)).find((entry) => entry.logId === logId);
}
