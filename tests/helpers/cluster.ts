/**
 * Several real Trame processes (dist/server.js) sharing one PostgreSQL
 * database and one Redis, as behind a load balancer; stock y-websocket
 * clients pick an instance each. Everything is stopped after the test.
 */
import * as Y from 'yjs';
import { onTestFailed, onTestFinished } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { ensureRoots } from '../../src/lib/board/doc';
import { openPostgres } from '../../server/store/postgres';
import { loadDoc } from '../../server/sync/persistence';
import { MIGRATIONS } from './build-app';
import { startServer, type ServerProcess } from './server-process';
import { waitFor } from './clients';

export async function startInstances(
	n: number,
	env: { TRAME_DATABASE_URL: string; TRAME_REDIS_URL: string } & Record<string, string>
): Promise<ServerProcess[]> {
	const servers: ServerProcess[] = [];
	// One at a time: the first applies the migrations, the others find them applied (they would wait on its lock anyway).
	for (let i = 0; i < n; i++) servers.push(await startServer({ env: { TRAME_LOG_LEVEL: 'error', ...env } }));
	// A failed test shows what the instances logged (errors only): a CI run that cannot be reproduced still says why.
	onTestFailed(() => {
		for (const [i, server] of servers.entries()) {
			let log = '';
			try {
				log = server.child.stdout() + server.child.stderr();
			} catch {
				// never started
			}
			if (log) console.error(`instance ${i} logged:\n${log.slice(-4000)}`);
		}
	});
	return servers;
}

export interface ClusterClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Close codes the server sent this client, in order. */
	closes: number[];
	/** The same document, now through another instance (its last one died). */
	moveTo(server: ServerProcess): Promise<void>;
	destroy(): void;
}

/**
 * A stock y-websocket client of `doc` (`''` notes, `'session'`, `'private'`)
 * on one instance; resolves once synced.
 */
export async function clusterClient(
	server: ServerProcess,
	boardId: string,
	params: { token: string; key?: string },
	doc = '',
	sync = true
): Promise<ClusterClient> {
	const ydoc = new Y.Doc();
	ensureRoots(ydoc);
	const room = doc ? `${boardId}/${doc}` : boardId;
	const query: Record<string, string> = { token: params.token };
	if (params.key) query.key = params.key;
	const open = (s: ServerProcess) => {
		const provider = new WebsocketProvider(s.yjsUrl, room, ydoc, {
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			params: query,
			maxBackoffTime: 300
		});
		provider.on('connection-close', (event: CloseEvent | null) => {
			if (event) client.closes.push(event.code);
		});
		return provider;
	};
	const client: ClusterClient = {
		doc: ydoc,
		provider: open(server),
		closes: [],
		async moveTo(next) {
			client.provider.destroy();
			client.provider = open(next);
			await waitFor(() => client.provider.synced, 'the client to sync with another instance', 60_000);
		},
		destroy() {
			client.provider.destroy();
			ydoc.destroy();
		}
	};
	onTestFinished(() => client.destroy());
	if (sync) await waitFor(() => client.provider.synced, 'the client to sync', 60_000);
	return client;
}

/** What PostgreSQL holds of one of the board's documents, read directly. */
export async function storedDoc(databaseUrl: string, boardId: string, doc = 'board'): Promise<Y.Doc> {
	const db = await openPostgres(databaseUrl, MIGRATIONS);
	try {
		return (await loadDoc(db, boardId, doc)).doc;
	} finally {
		await db.close();
	}
}

/** The same state: each document holds everything the other does. */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
	const sv = (d: Y.Doc) => Buffer.from(Y.encodeStateVector(d)).toString('base64');
	return sv(a) === sv(b);
}
