/**
 * How the other instances hear of a board (STYLE.md, growing past one
 * process): `local.ts` when there is one process, `redis.ts` (Redis
 * pub/sub) when several share PostgreSQL. A message is a hint, never the
 * data's only copy: updates are in the database before they are published,
 * and a receiver that misses one fills the gap from there (rooms.ts).
 */
export type BusMessage =
	/** Committed at `seq` in the board's order. */
	| { type: 'update'; seq: number; doc: string; data: Uint8Array }
	/**
	 * Presence, never stored: the awareness entries of the sender's own peers
	 * changed in a window, and its people present in the room. (Not named
	 * 'awareness': instances before 2026-12 relayed that one raw to their
	 * clients; in a rolling upgrade they ignore this one.)
	 */
	| { type: 'presence'; doc: string; data: Uint8Array; present: number }
	/** Tokens regenerated: close the connections opened with them. */
	| { type: 'revoke'; hashes: string[] }
	/** The board was deleted. */
	| { type: 'evict' };

export interface Bus {
	readonly kind: 'local' | 'redis';
	/** To the other instances (never back to this one). */
	publish(boardId: string, message: BusMessage): void;
	/** `fn` gets each message with the id of the instance that sent it. */
	subscribe(boardId: string, fn: (message: BusMessage, from: string) => void): () => void;
	/** `fn` runs when messages may have been lost (the connection came back): resynchronise from the database. */
	onResync(fn: () => void): void;
	/** This instance's connections to the board's notes now (0: none); the others read them with connectedElsewhere. */
	reportConnected(boardId: string, connected: number): void;
	/** Connections to the board's notes on the other instances (0 when unknown: Redis away). */
	connectedElsewhere(boardId: string): Promise<number>;
	/** Throws when the bus is unreachable (/healthz). */
	ping(): Promise<void>;
	close(): Promise<void>;
}
