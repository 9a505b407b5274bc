/**
 * Who may open a websocket, and when (issue: plenary behind one venue address).
 * - Caps count per participant key first (or, for a projector, which has no
 *   key, per token): one person's tabs and devices, LIMITS.connectionsPerKey.
 * - Per address only with a ceiling a venue never reaches
 *   (TRAME_CONNECTIONS_PER_IP): the whole hall shares the wifi's address.
 * - Per board, LIMITS.connectionsPerBoard.
 * - Joins beyond what the machine takes right now (TRAME_JOINS_PER_SECOND)
 *   wait in a queue instead of being refused; only a full queue refuses.
 * - Each connection's messages are metered (LIMITS.messagesPerSecond): a
 *   flood is cut off without touching the other connections of its address.
 * Counts are reserved before the upgrade (so concurrent upgrades cannot pass
 * a cap together) and released when the socket closes.
 */
import { LIMITS } from '../../src/lib/shared/limits';
import { ErrorCode } from '../../src/lib/shared/errors';
import { ApiError } from '../errors';

export interface GateOptions {
	connectionsPerIp: number;
	joinsPerSecond: number;
}

export interface Ticket {
	/** Gives the counts back; safe to call twice. */
	release(): void;
}

interface Waiting {
	start: () => void;
	onQueued?: (position: number) => void;
	told: number;
}

const TICK_MS = 20;
/** How often a waiting connection is told its place. */
const POSITION_EVERY_MS = 1000;

function bump(map: Map<string, number>, key: string, by: number): void {
	const next = (map.get(key) ?? 0) + by;
	if (next > 0) map.set(key, next);
	else map.delete(key);
}

export class Gate {
	#opts: GateOptions;
	#perIp = new Map<string, number>();
	#perKey = new Map<string, number>();
	#perBoard = new Map<string, number>();
	#queue: Waiting[] = [];
	#tokens: number;
	#lastRefill = Date.now();
	#lastTold = 0;
	#timer: NodeJS.Timeout | null = null;

	constructor(opts: GateOptions) {
		this.#opts = opts;
		this.#tokens = opts.joinsPerSecond;
	}

	/** Connections waiting to be admitted. */
	get queued(): number {
		return this.#queue.length;
	}

	/** False once this address holds TRAME_CONNECTIONS_PER_IP connections. */
	underIpCeiling(ip: string): boolean {
		return (this.#perIp.get(ip) ?? 0) < this.#opts.connectionsPerIp;
	}

	/** Reserves a connection's place, or throws the 429 that explains which cap it hit. */
	reserve(ip: string, boardId: string, keyId: string): Ticket {
		if ((this.#perKey.get(keyId) ?? 0) >= LIMITS.connectionsPerKey) {
			throw new ApiError(ErrorCode.tooMany, 'This participant (or projector link) has too many connections open: close a tab.');
		}
		if ((this.#perIp.get(ip) ?? 0) >= this.#opts.connectionsPerIp) {
			throw new ApiError(ErrorCode.tooMany, 'Too many connections from this address (TRAME_CONNECTIONS_PER_IP).');
		}
		if ((this.#perBoard.get(boardId) ?? 0) >= LIMITS.connectionsPerBoard) {
			throw new ApiError(ErrorCode.tooMany, 'This board has too many connections.');
		}
		if (this.#queue.length >= LIMITS.joinQueue) {
			throw new ApiError(ErrorCode.tooMany, 'The server is admitting many people at once: try again in a few seconds.');
		}
		bump(this.#perKey, keyId, 1);
		bump(this.#perIp, ip, 1);
		bump(this.#perBoard, boardId, 1);
		let released = false;
		return {
			release: () => {
				if (released) return;
				released = true;
				bump(this.#perKey, keyId, -1);
				bump(this.#perIp, ip, -1);
				bump(this.#perBoard, boardId, -1);
			}
		};
	}

	/**
	 * Runs `start` now if the server has room for a join, else once the queue
	 * reaches it (`onQueued` hears the place meanwhile). Returns a cancel for a
	 * connection that leaves while it waits.
	 */
	admit(start: () => void, onQueued?: (position: number) => void): () => void {
		this.#refill();
		if (this.#queue.length === 0 && this.#tokens >= 1) {
			this.#tokens--;
			start();
			return () => undefined;
		}
		const waiting: Waiting = { start, onQueued, told: 0 };
		this.#queue.push(waiting);
		onQueued?.(this.#queue.length);
		waiting.told = this.#queue.length;
		this.#timer ??= setInterval(() => this.#drain(), TICK_MS);
		return () => {
			const i = this.#queue.indexOf(waiting);
			if (i >= 0) this.#queue.splice(i, 1);
		};
	}

	/** A budget of messages for one connection: false once it sends faster than LIMITS allows. */
	static messageMeter(): () => boolean {
		let tokens: number = LIMITS.messageBurst;
		let last = Date.now();
		return () => {
			const now = Date.now();
			tokens = Math.min(LIMITS.messageBurst, tokens + ((now - last) / 1000) * LIMITS.messagesPerSecond);
			last = now;
			if (tokens < 1) return false;
			tokens--;
			return true;
		};
	}

	close(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		this.#queue = [];
	}

	#refill(): void {
		const now = Date.now();
		const rate = this.#opts.joinsPerSecond;
		this.#tokens = Math.min(rate, this.#tokens + ((now - this.#lastRefill) / 1000) * rate);
		this.#lastRefill = now;
	}

	#drain(): void {
		this.#refill();
		while (this.#queue.length > 0 && this.#tokens >= 1) {
			this.#tokens--;
			this.#queue.shift()!.start();
		}
		const now = Date.now();
		if (now - this.#lastTold >= POSITION_EVERY_MS) {
			this.#lastTold = now;
			this.#queue.forEach((w, i) => {
				if (w.onQueued && w.told !== i + 1) w.onQueued((w.told = i + 1));
			});
		}
		if (this.#queue.length === 0 && this.#timer) {
			clearInterval(this.#timer);
			this.#timer = null;
		}
	}
}
