/** Board and token storage. Everything here is synchronous (better-sqlite3). */
import { and, eq, inArray } from 'drizzle-orm';
import type { Role } from '../../src/lib/shared/roles';
import { DEFAULT_LICENCE, type LicenceId } from '../../src/lib/shared/licences';
import { randomJoinCode } from '../../src/lib/shared/join-code';
import { hashToken, participantToken, randomBoardId, randomToken } from '../tokens';
import { boards, settings, tokens } from './schema';
import { workshopRoleOf } from './tables';
import type { Db } from './plugin';

export type BoardRow = typeof boards.$inferSelect;
export type RoleTokens = Record<Role, string>;

const SECRET_KEY = 'participant_link_secret';

/** The instance secret participant tokens are derived from; created on first use. */
export function instanceSecret(db: Db): string {
	const row = db.select().from(settings).where(eq(settings.key, SECRET_KEY)).get();
	if (row) return row.value;
	const value = randomToken();
	db.insert(settings).values({ key: SECRET_KEY, value }).onConflictDoNothing().run();
	return db.select().from(settings).where(eq(settings.key, SECRET_KEY)).get()!.value;
}

export function participantTokenOf(db: Db, board: BoardRow): string {
	return participantToken(instanceSecret(db), board.id, board.participantGeneration);
}

export interface BoardPlacement {
	/** The event the board is a workshop of. */
	eventId?: string | null;
	licence?: LicenceId;
	/** A table: its workshop board and number (db/tables.ts). */
	workshopId?: string | null;
	tableNumber?: number | null;
}

function unusedJoinCode(db: Pick<Db, 'select'>): string {
	let joinCode = randomJoinCode();
	while (db.select().from(boards).where(eq(boards.joinCode, joinCode)).get()) joinCode = randomJoinCode();
	return joinCode;
}

/** Creates the board row and its four tokens; returns the tokens in clear, once. */
export function insertBoard(db: Db, title: string, placement: BoardPlacement = {}): { board: BoardRow; tokens: RoleTokens } {
	return db.transaction((tx) => {
		const joinCode = unusedJoinCode(tx);
		const board: BoardRow = {
			id: randomBoardId(),
			title,
			joinCode,
			participantGeneration: 0,
			createdAt: new Date(),
			licence: placement.licence ?? DEFAULT_LICENCE,
			eventId: placement.eventId ?? null,
			closedAt: null,
			workshopId: placement.workshopId ?? null,
			tableNumber: placement.tableNumber ?? null
		};
		tx.insert(boards).values(board).run();
		const clear: RoleTokens = {
			organiser: randomToken(),
			facilitator: randomToken(),
			participant: participantToken(instanceSecret(db), board.id, 0),
			projector: randomToken()
		};
		for (const role of Object.keys(clear) as Role[]) {
			tx.insert(tokens).values({ hash: hashToken(clear[role]), boardId: board.id, role, createdAt: new Date() }).run();
		}
		return { board, tokens: clear };
	});
}

export function findBoard(db: Db, id: string): BoardRow | undefined {
	return db.select().from(boards).where(eq(boards.id, id)).get();
}

export function findBoardByJoinCode(db: Db, joinCode: string): BoardRow | undefined {
	return db.select().from(boards).where(eq(boards.joinCode, joinCode)).get();
}

/**
 * The role this token grants on this board, or null. Lookup is by hash, so no
 * clear token is compared. A table also opens to its workshop's tokens
 * (db/tables.ts), so one console and one projector reach every table.
 */
export function roleOf(db: Db, boardId: string, token: string): Role | null {
	return ownRoleOf(db, boardId, token) ?? workshopRoleOf(db, boardId, token, ownRoleOf);
}

function ownRoleOf(db: Db, boardId: string, token: string): Role | null {
	if (!token) return null;
	const row = db
		.select({ role: tokens.role })
		.from(tokens)
		.where(and(eq(tokens.hash, hashToken(token)), eq(tokens.boardId, boardId)))
		.get();
	return row?.role ?? null;
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
export function regenerateToken(db: Db, board: BoardRow, role: RegenerableRole): Regenerated {
	return db.transaction((tx) => {
		const old = tx.select({ hash: tokens.hash }).from(tokens).where(and(eq(tokens.boardId, board.id), eq(tokens.role, role))).all();
		tx.delete(tokens).where(and(eq(tokens.boardId, board.id), eq(tokens.role, role))).run();
		let token: string;
		let joinCode = board.joinCode;
		if (role === 'participant') {
			const participantGeneration = board.participantGeneration + 1;
			joinCode = unusedJoinCode(tx);
			tx.update(boards).set({ participantGeneration, joinCode }).where(eq(boards.id, board.id)).run();
			token = participantToken(instanceSecret(db), board.id, participantGeneration);
		} else {
			token = randomToken();
		}
		tx.insert(tokens).values({ hash: hashToken(token), boardId: board.id, role, createdAt: new Date() }).run();
		return { token, joinCode, revoked: old.map((row) => row.hash) };
	});
}

export function setBoardTitle(db: Db, id: string, title: string): void {
	db.update(boards).set({ title }).where(eq(boards.id, id)).run();
}

export function setBoardLicence(db: Db, id: string, licence: LicenceId): void {
	db.update(boards).set({ licence }).where(eq(boards.id, id)).run();
}

/** Records when the session was first seen closed (null: open again); retention counts from it. */
export function setBoardClosedAt(db: Db, id: string, closedAt: Date | null): void {
	db.update(boards).set({ closedAt }).where(eq(boards.id, id)).run();
}

export function listBoards(db: Db): BoardRow[] {
	return db.select().from(boards).all();
}

/** An event's boards, oldest first. */
export function boardsOfEvent(db: Db, eventId: string): BoardRow[] {
	return db.select().from(boards).where(eq(boards.eventId, eventId)).orderBy(boards.createdAt, boards.id).all();
}

/** Deletes the board; its tokens, updates and snapshot go with it (ON DELETE CASCADE). */
export function deleteBoard(db: Db, id: string): boolean {
	return deleteBoards(db, [id]) > 0;
}

export function deleteBoards(db: Db, ids: string[]): number {
	if (ids.length === 0) return 0;
	return db.delete(boards).where(inArray(boards.id, ids)).run().changes;
}
