/**
 * What the rest of the server knows of storage (STYLE.md, growing past one
 * process): a `Db` handle for the repository (server/db/*) and a
 * `BoardStore` for the boards' Yjs updates, one implementation per dialect
 * (sqlite.ts, postgres.ts), chosen once in app.ts. Nothing outside
 * server/store/ imports a driver.
 */
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as tables from '../db/schema-sqlite';

/**
 * The query builder. Typed as SQLite's; in PostgreSQL mode it is drizzle's
 * node-postgres builder, which has the same methods for what the repository
 * uses. So repository code only awaits queries (never `.get()`, `.all()`,
 * `.run()`) and takes its tables from `Db.t`.
 */
export type Query = BetterSQLite3Database<typeof tables>;
export type Tables = typeof tables;

export interface StoredUpdate {
	/** The update's place in the board's order. */
	seq: number;
	doc: string;
	data: Uint8Array;
}

/** What a board stored after a sequence number (catch-up, gap filling). */
export interface Since {
	/** The updates still in the log, all documents, in order. */
	updates: StoredUpdate[];
	/**
	 * Documents compacted past that number (by another instance): some of
	 * their updates after it are only in their snapshot now, so whoever holds
	 * one of them must reload it.
	 */
	folded: string[];
}

export interface LoadedDoc {
	snapshot: Uint8Array | null;
	/** Updates after the snapshot, in order. */
	tail: StoredUpdate[];
	/** The board's latest sequence number when this was read (all documents): the document includes every update up to it. */
	head: number;
}

/** A board's Yjs updates, in one order per board covering all its documents. */
export interface BoardStore {
	load(boardId: string, doc: string): Promise<LoadedDoc>;
	/**
	 * Stores one update if the board is still at `afterSeq` (nothing was
	 * appended since the caller validated against it); returns its sequence
	 * number, or 'conflict'. Throws when the database cannot write.
	 */
	append(boardId: string, doc: string, update: Uint8Array, afterSeq: number): Promise<number | 'conflict'>;
	/** What was stored after `seq` (catch-up and gap filling). */
	since(boardId: string, seq: number): Promise<Since>;
	/** Replaces the document's snapshot with `state`, which includes every update up to `upToSeq`, and drops that tail. */
	compact(boardId: string, doc: string, state: Uint8Array, upToSeq: number): Promise<void>;
	tailLength(boardId: string, doc: string): Promise<number>;
	/** Names of the documents stored for the board whose name starts with `prefix`. */
	docNames(boardId: string, prefix: string): Promise<string[]>;
}

export interface Db {
	readonly dialect: 'sqlite' | 'postgresql';
	readonly q: Query;
	readonly t: Tables;
	readonly store: BoardStore;
	/**
	 * Runs the queries `build` returns in one transaction (all or none); returns
	 * their results. The queries must be built on `tx`, and cannot depend on
	 * each other's results (use RETURNING, or read before).
	 */
	atomic(build: (tx: Query) => PromiseLike<unknown>[]): Promise<unknown[]>;
	/** Raw SQL with `?` placeholders (tests, maintenance). */
	rows<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
	/**
	 * Runs `fn` on one instance at a time across every instance sharing the
	 * database (retention sweep); false if another instance holds `name`.
	 */
	exclusive(name: string, fn: () => Promise<void>): Promise<boolean>;
	/** After boards were deleted: make their content leave the files (SQLite checkpoints its WAL). */
	afterPurge(): Promise<void>;
	/** Throws if the database cannot be reached (/healthz). */
	ping(): Promise<void>;
	close(): Promise<void>;
	/** Where the data lives, for the start log (a file, or the URL without its password). */
	readonly location: string;
}

export class DatabaseOpenError extends Error {}
