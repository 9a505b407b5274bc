/**
 * Board and token storage, for both dialects (server/store/types.ts: queries
 * are awaited, tables come from `db.t`).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../src/lib/shared/roles';
import { DEFAULT_LICENCE, type LicenceId } from '../../src/lib/shared/licences';
import { randomJoinCode } from '../../src/lib/shared/join-code';
import { hashToken, participantToken, randomBoardId, randomToken } from '../tokens';
import type { boards } from './schema-sqlite';
import { workshopRoleOf } from './tables';
import type { Db } from './plugin';

export type BoardRow = typeof boards.$inferSelect;
export type RoleTokens = Record<Role, string>;

const SECRET_KEY = 'participant_link_secret';

/** The instance secret participant tokens are derived from; created on first use (the first instance's wins). */
export async function instanceSecret(db: Db): Promise<string> {
	const { settings } = db.t;
	const read = async () => (await db.q.select().from(settings).where(eq(settings.key, SECRET_KEY)).limit(1))[0]?.value;
	const existing = await read();
	if (existing) return existing;
	await db.q.insert(settings).values({ key: SECRET_KEY, value: randomToken() }).onConflictDoNothing();
	return (await read())!;
}

export async function participantTokenOf(db: Db, board: BoardRow): Promise<string> {
	return participantToken(await instanceSecret(db), board.id, board.participantGeneration);
}

export interface BoardPlacement {
	/** The event the board is a workshop of. */
	eventId?: string | null;
	licence?: LicenceId;
	/** A table: its workshop board and number (db/tables.ts). */
	workshopId?: string | null;
	tableNumber?: number | null;
}

/** A join code no board has now (the unique index refuses the rare race between two creations). */
async function unusedJoinCode(db: Db): Promise<string> {
	for (;;) {
		const joinCode = randomJoinCode();
		if (!(await findBoardByJoinCode(db, joinCode))) return joinCode;
	}
}

/** Creates the board row and its four tokens; returns the tokens in clear, once. */
export async function insertBoard(db: Db, title: string, placement: BoardPlacement = {}): Promise<{ board: BoardRow; tokens: RoleTokens }> {
	const { boards, tokens } = db.t;
	const board: BoardRow = {
		id: randomBoardId(),
		title,
		joinCode: await unusedJoinCode(db),
		participantGeneration: 0,
		createdAt: new Date(),
		licence: placement.licence ?? DEFAULT_LICENCE,
		eventId: placement.eventId ?? null,
		closedAt: null,
		workshopId: placement.workshopId ?? null,
		tableNumber: placement.tableNumber ?? null
	};
	const clear: RoleTokens = {
		organiser: randomToken(),
		facilitator: randomToken(),
		participant: participantToken(await instanceSecret(db), board.id, 0),
		projector: randomToken()
	};
	const rows = (Object.keys(clear) as Role[]).map((role) => ({ hash: hashToken(clear[role]), boardId: board.id, role, createdAt: new Date() }));
	await db.atomic((tx) => [tx.insert(boards).values(board), tx.insert(tokens).values(rows)]);
	return { board, tokens: clear };
}

export async function findBoard(db: Db, id: string): Promise<BoardRow | undefined> {
	const { boards } = db.t;
	return (await db.q.select().from(boards).where(eq(boards.id, id)).limit(1))[0];
}

export async function findBoardByJoinCode(db: Db, joinCode: string): Promise<BoardRow | undefined> {
	const { boards } = db.t;
	return (await db.q.select().from(boards).where(eq(boards.joinCode, joinCode)).limit(1))[0];
}

/**
 * The role this token grants on this board, or null. Lookup is by hash, so no
 * clear token is compared. A table also opens to its workshop's tokens
 * (db/tables.ts), so one console and one projector reach every table.
 */
export async function roleOf(db: Db, boardId: string, token: string): Promise<Role | null> {
	return (await ownRoleOf(db, boardId, token)) ?? (await workshopRoleOf(db, boardId, token, ownRoleOf));
}

async function ownRoleOf(db: Db, boardId: string, token: string): Promise<Role | null> {
	if (!token) return null;
	const { tokens } = db.t;
	const rows = await db.q
		.select({ role: tokens.role })
		.from(tokens)
		.where(and(eq(tokens.hash, hashToken(token)), eq(tokens.boardId, boardId)))
		.limit(1);
	return rows[0]?.role ?? null;
}

/** Roles whose link an organiser can regenerate. */
export const REGENERABLE_ROLES = ['facilitator', 'participant', 'projector'] as const;
export type RegenerableRole = (typeof REGENERABLE_ROLES)[number];

export interface Regenerated {
	token: string;
	joinCode: string;
	/** Hashes of the tokens that stopped working. */
	revoked: string[];
}

/**
 * Replaces a role's token. The participant token is derived from the board's
 * generation, so it is bumped; the join code (printed, projected as a QR
 * code) leads to that token, so it changes too.
 */
export async function regenerateToken(db: Db, board: BoardRow, role: RegenerableRole): Promise<Regenerated> {
	const { boards, tokens } = db.t;
	let token: string;
	let joinCode = board.joinCode;
	let participantGeneration = board.participantGeneration;
	if (role === 'participant') {
		participantGeneration++;
		joinCode = await unusedJoinCode(db);
		token = participantToken(await instanceSecret(db), board.id, participantGeneration);
	} else {
		token = randomToken();
	}
	const [old] = await db.atomic((tx) => [
		// The deleted rows' hashes are the connections to close (Rooms.revoke).
		tx.delete(tokens).where(and(eq(tokens.boardId, board.id), eq(tokens.role, role))).returning({ hash: tokens.hash }),
		tx.update(boards).set({ participantGeneration, joinCode }).where(eq(boards.id, board.id)),
		tx.insert(tokens).values({ hash: hashToken(token), boardId: board.id, role, createdAt: new Date() })
	]);
	return { token, joinCode, revoked: (old as { hash: string }[]).map((row) => row.hash) };
}

export async function setBoardTitle(db: Db, id: string, title: string): Promise<void> {
	const { boards } = db.t;
	await db.q.update(boards).set({ title }).where(eq(boards.id, id));
}

export async function setBoardLicence(db: Db, id: string, licence: LicenceId): Promise<void> {
	const { boards } = db.t;
	await db.q.update(boards).set({ licence }).where(eq(boards.id, id));
}

/** Records when the session was first seen closed (null: open again); retention counts from it. */
export async function setBoardClosedAt(db: Db, id: string, closedAt: Date | null): Promise<void> {
	const { boards } = db.t;
	await db.q.update(boards).set({ closedAt }).where(eq(boards.id, id));
}

export async function listBoards(db: Db): Promise<BoardRow[]> {
	return db.q.select().from(db.t.boards);
}

/** An event's boards, oldest first. */
export async function boardsOfEvent(db: Db, eventId: string): Promise<BoardRow[]> {
	const { boards } = db.t;
	return db.q.select().from(boards).where(eq(boards.eventId, eventId)).orderBy(boards.createdAt, boards.id);
}

/** Deletes the board; its tokens, updates and snapshot go with it (ON DELETE CASCADE). */
export async function deleteBoard(db: Db, id: string): Promise<boolean> {
	return (await deleteBoards(db, [id])) > 0;
}

export async function deleteBoards(db: Db, ids: string[]): Promise<number> {
	if (ids.length === 0) return 0;
	const { boards } = db.t;
	return (await db.q.delete(boards).where(inArray(boards.id, ids)).returning({ id: boards.id })).length;
}
