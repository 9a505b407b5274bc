/**
 * The bus between instances (TRAME_REDIS_URL): one Redis channel per board,
 * `trame:board:<id>`, subscribed while the board is loaded here. Messages are
 * JSON with the update in base64 and the sender's id, so an instance skips
 * its own. ioredis reconnects by itself and subscribes again; after any
 * reconnection the rooms resynchronise from the database (onResync), since
 * what was published meanwhile is lost.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Bus, BusMessage } from './bus';
import { redisConnected } from './redis-connected';

const PREFIX = 'trame:board:';

interface Wire {
	from: string;
	type: BusMessage['type'];
	seq?: number;
	doc?: string;
	data?: string;
	hashes?: string[];
	present?: number;
}

function encode(from: string, message: BusMessage): string {
	const wire: Wire = { from, ...message, data: 'data' in message ? Buffer.from(message.data).toString('base64') : undefined };
	return JSON.stringify(wire);
}

function decode(text: string): { from: string; message: BusMessage } | null {
	const wire = JSON.parse(text) as Wire;
	const data = wire.data === undefined ? undefined : new Uint8Array(Buffer.from(wire.data, 'base64'));
	switch (wire.type) {
		case 'update':
			return { from: wire.from, message: { type: 'update', seq: wire.seq!, doc: wire.doc!, data: data! } };
		case 'presence':
			return { from: wire.from, message: { type: 'presence', doc: wire.doc!, data: data!, present: wire.present ?? 0 } };
		case 'revoke':
			return { from: wire.from, message: { type: 'revoke', hashes: wire.hashes ?? [] } };
		case 'evict':
			return { from: wire.from, message: { type: 'evict' } };
		default:
			return null;
	}
}

export class RedisUnreachable extends Error {}

/** The URL without its password, for messages. */
export function redactRedisUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return 'TRAME_REDIS_URL';
	}
}

/** Connects both connections (publish, subscribe); throws RedisUnreachable naming the server. */
export async function redisBus(url: string, log: { warn(obj: object, msg: string): void }): Promise<Bus & { client: Redis }> {
	const id = randomUUID();
	// Commands fail at once while Redis is away (no offline queue): a hint published late is worth nothing.
	const options = { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: (n: number) => Math.min(n * 100, 1_000) };
	const pub = new Redis(url, options);
	const sub = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
	const listeners = new Map<string, Set<(message: BusMessage, from: string) => void>>();
	const resync = new Set<() => void>();
	let everReady = false;
	for (const connection of [pub, sub]) connection.on('error', () => undefined);
	try {
		await Promise.all([pub.connect(), sub.connect()]);
	} catch (err) {
		pub.disconnect();
		sub.disconnect();
		throw new RedisUnreachable(`Cannot reach Redis at ${redactRedisUrl(url)} (TRAME_REDIS_URL): ${(err as Error).message}`);
	}
	everReady = true;
	sub.on('ready', () => {
		if (!everReady) return;
		// Read the database only once Redis has our subscriptions back (a command answered after them on this
		// connection): what is published from then on arrives here, what came before is in the database. Reading
		// at 'ready' could miss what was published between that read and the re-subscription, for good if the board then goes quiet.
		const channels = [...listeners.keys()].map((boardId) => PREFIX + boardId);
		const subscribed = channels.length > 0 ? sub.subscribe(...channels) : Promise.resolve();
		void subscribed
			.catch(() => undefined)
			.then(() => {
				log.warn({}, 'Redis connection back: resynchronising loaded boards from the database');
				for (const fn of resync) fn();
			});
	});
	sub.on('message', (channel: string, text: string) => {
		const fns = listeners.get(channel.slice(PREFIX.length));
		if (!fns) return;
		let decoded: ReturnType<typeof decode>;
		try {
			decoded = decode(text);
		} catch {
			return;
		}
		if (!decoded || decoded.from === id) return;
		for (const fn of fns) fn(decoded.message, decoded.from);
	});
	const connected = redisConnected(pub, id);
	return {
		kind: 'redis',
		client: pub,
		reportConnected: connected.report,
		connectedElsewhere: connected.elsewhere,
		publish(boardId, message) {
			// Fire and forget: while Redis is away the others catch up from the database later.
			pub.publish(PREFIX + boardId, encode(id, message)).catch(() => undefined);
		},
		subscribe(boardId, fn) {
			let fns = listeners.get(boardId);
			if (!fns) {
				listeners.set(boardId, (fns = new Set()));
				sub.subscribe(PREFIX + boardId).catch(() => undefined);
			}
			fns.add(fn);
			return () => {
				fns.delete(fn);
				if (fns.size > 0 || listeners.get(boardId) !== fns) return;
				listeners.delete(boardId);
				sub.unsubscribe(PREFIX + boardId).catch(() => undefined);
			};
		},
		onResync(fn) {
			resync.add(fn);
		},
		async ping() {
			if (pub.status !== 'ready' || sub.status !== 'ready') throw new Error(`Redis is ${pub.status}/${sub.status}`);
			await pub.ping();
		},
		async close() {
			await connected.close();
			pub.disconnect();
			sub.disconnect();
		}
	};
}
