/**
 * The moderation log: what facilitators hid, showed again, deleted, restored,
 * accepted or rejected, and what participants reported. Deleted and hidden
 * notes keep their JSON here (the bin and the hidden notes: the only place
 * their text remains on the server). Never exported.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Note } from '../../src/lib/board/doc';
import type { ModerationAction, ModerationResponse, WithheldNote } from '../../src/lib/shared/api';
import type { Db } from './plugin';

export interface ModerationEvent {
	action: ModerationAction;
	noteId: string;
	/** The note as it was, for deletes, hides and rejects. */
	note?: Note;
}

export type LogEntry = ModerationResponse['log'][number];
export type BinEntry = WithheldNote;

/** What a log entry says about where a note is now: off the board in the bin, withheld as hidden, or back. */
const STATE_OF: Partial<Record<ModerationAction, 'bin' | 'hidden' | 'back'>> = {
	delete: 'bin',
	reject: 'bin',
	hide: 'hidden',
	restore: 'back',
	unhide: 'back',
	accept: 'back'
};

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

/** Notes kept off the board (deleted or rejected: 'bin'; hidden: 'hidden') by their latest entry, newest first. */
export async function readWithheld(db: Db, boardId: string, where: 'bin' | 'hidden'): Promise<BinEntry[]> {
	const { moderation } = db.t;
	const rows = await db.q.select().from(moderation).where(eq(moderation.boardId, boardId)).orderBy(desc(moderation.id));
	const seen = new Set<string>();
	const out: BinEntry[] = [];
	for (const row of rows) {
		const state = STATE_OF[row.action];
		if (!state || seen.has(row.noteId)) continue;
		seen.add(row.noteId); // only a note's latest entry says where it is
		if (state === where && row.note) out.push({ logId: row.id, note: JSON.parse(row.note) as Note, at: row.at.getTime() });
	}
	return out;
}

/** Deleted notes not restored since, newest first. */
export function readBin(db: Db, boardId: string): Promise<BinEntry[]> {
	return readWithheld(db, boardId, 'bin');
}

/** A deleted or hidden note of this board that can be put back, or undefined. */
export async function findWithheld(db: Db, boardId: string, logId: number): Promise<(BinEntry & { hidden: boolean }) | undefined> {
	const hidden = (await readWithheld(db, boardId, 'hidden')).find((entry) => entry.logId === logId);
	if (hidden) return { ...hidden, hidden: true };
	const deleted = (await readBin(db, boardId)).find((entry) => entry.logId === logId);
	return deleted && { ...deleted, hidden: false };
}

/** Reports per note (one per participant), newest report first. */
export async function readReports(db: Db, boardId: string): Promise<Map<string, { reporters: Set<string>; at: number }>> {
	const { moderation } = db.t;
	const rows = await db.q
		.select({ noteId: moderation.noteId, actorId: moderation.actorId, at: moderation.at })
		.from(moderation)
		.where(and(eq(moderation.boardId, boardId), eq(moderation.action, 'report')))
		.orderBy(desc(moderation.id));
	const out = new Map<string, { reporters: Set<string>; at: number }>();
	for (const row of rows) {
		let entry = out.get(row.noteId);
		if (!entry) out.set(row.noteId, (entry = { reporters: new Set(), at: row.at.getTime() }));
		entry.reporters.add(row.actorId ?? '');
	}
	return out;
}
