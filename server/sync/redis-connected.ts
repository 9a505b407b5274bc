/**
 * How many connections each instance has on a board, shared through Redis
 * for the event page (« connectés », live or paused): one hash per board,
 * `trame:connected:<id>`, with a field per instance holding "count:time".
 * Each instance writes its counts a moment after they change and renews
 * them every RENEW_MS; a field older than STALE_MS (its instance died) is
 * not counted, and the hash expires once nobody renews it. The times are
 * the instances' clocks: keep them in sync (NTP), as for the logs.
 */
import type { Redis } from 'ioredis';

const PREFIX = 'trame:connected:';
const WRITE_AFTER_MS = 500;
const RENEW_MS = 10_000;
const STALE_MS = 30_000;

export interface ConnectedCounts {
	report(boardId: string, connected: number): void;
	elsewhere(boardId: string): Promise<number>;
	close(): Promise<void>;
}

export function redisConnected(redis: Redis, instance: string): ConnectedCounts {
	const counts = new Map<string, number>();
	const dirty = new Set<string>();
	let timer: NodeJS.Timeout | null = null;

	const write = (boardIds: string[]) => {
		if (boardIds.length === 0) return;
		const batch = redis.multi();
		const now = Date.now();
		for (const boardId of boardIds) {
			const n = counts.get(boardId) ?? 0;
			if (n > 0) batch.hset(PREFIX + boardId, instance, `${n}:${now}`).pexpire(PREFIX + boardId, STALE_MS);
			else {
				batch.hdel(PREFIX + boardId, instance);
				counts.delete(boardId);
			}
		}
		// Fire and forget: while Redis is away the others see this instance's counts go stale, then vanish.
		batch.exec().catch(() => undefined);
	};
	const flush = () => {
		timer = null;
		write([...dirty]);
		dirty.clear();
	};
	const renew = setInterval(() => write([...counts.keys()]), RENEW_MS);
	renew.unref();

	return {
		report(boardId, connected) {
			if ((counts.get(boardId) ?? 0) === connected) return;
			counts.set(boardId, connected);
			dirty.add(boardId);
			timer ??= setTimeout(flush, WRITE_AFTER_MS);
		},
		async elsewhere(boardId) {
			let fields: Record<string, string>;
			try {
				fields = await redis.hgetall(PREFIX + boardId);
			} catch {
				return 0;
			}
			const since = Date.now() - STALE_MS;
			let n = 0;
			for (const [from, value] of Object.entries(fields)) {
				const [count, at] = value.split(':').map(Number);
				if (from !== instance && at >= since && Number.isFinite(count)) n += count;
			}
			return n;
		},
		async close() {
			clearInterval(renew);
			if (timer) clearTimeout(timer);
			const boards = [...counts.keys()];
			counts.clear();
			if (boards.length > 0) await redis.multi(boards.map((id) => ['hdel', PREFIX + id, instance])).exec().catch(() => undefined);
		}
	};
}
