/**
 * The same Node clients for both servers: a Y.Doc behind the stock
 * y-websocket `WebsocketProvider` (Trame's contract) or `HocuspocusProvider`
 * (Hocuspocus 3 prefixes each frame with the document name, so the stock
 * provider cannot talk to it). Connections are spread over 127.0.0.x source
 * addresses, 100 per address, so Trame's per-address limit does not bite.
 */
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { within } from './stats';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import type { CreateBoardResponse } from '../../src/lib/shared/api';
import type { RunningServer } from './servers';

export interface Board {
	id: string;
	/** Trame's participant token; Hocuspocus needs none. */
	token: string;
}

export interface BenchClient {
	doc: Y.Doc;
	/** The participant id the server derives from this client's key (Trame) or any id (Hocuspocus). */
	authorId: string;
	isSynced(): boolean;
	/** Resolves at the client's first sync, with performance.now() at that moment. */
	synced: Promise<number>;
	destroy(): void;
}

const PER_ADDRESS = 100;
let connections = 0;
type SocketClass = new (url: string | URL, protocols?: string | string[]) => WebSocket;
const socketClasses = new Map<string, SocketClass>();

/** The loopback source address for the next connection. */
export function nextLocalAddress(): string {
	return `127.0.0.${2 + (Math.floor(connections++ / PER_ADDRESS) % 250)}`;
}

/** A ws class bound to one loopback source address. */
function socketClass(): SocketClass {
	const address = nextLocalAddress();
	const known = socketClasses.get(address);
	if (known) return known;
	const cls = class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { localAddress: address });
		}
	};
	socketClasses.set(address, cls);
	return cls;
}

export async function createBoard(server: RunningServer, title: string): Promise<Board> {
	if (server.kind === 'hocuspocus') return { id: `${title}-${Math.random().toString(36).slice(2, 10)}`, token: '' };
	const res = await fetch(`http://127.0.0.1:${server.port}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title })
	});
	if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}: ${await res.text()}`);
	const board = (await res.json()) as CreateBoardResponse;
	const token = new URL(board.links.participant, 'http://x').searchParams.get('token');
	if (!token) throw new Error('no participant token in the links');
	return { id: board.id, token };
}

export async function connect(server: RunningServer, board: Board): Promise<BenchClient> {
	const doc = new Y.Doc();
	const started = performance.now();
	let synced = false;
	let resolveSynced: (at: number) => void = () => {};
	const syncedAt = new Promise<number>((resolve) => (resolveSynced = resolve));
	const onSynced = () => {
		if (synced) return;
		synced = true;
		resolveSynced(performance.now() - started);
	};
	const WS = socketClass();
	if (server.kind === 'trame') {
		const key = newKey();
		const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}/yjs`, board.id, doc, {
			WebSocketPolyfill: WS as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			params: { token: board.token, key }
		});
		provider.on('sync', (state: boolean) => state && onSynced());
		const destroy = () => {
			provider.destroy();
			doc.destroy();
		};
		return { doc, authorId: await participantIdOf(key), isSynced: () => synced, synced: syncedAt, destroy };
	}
	// One socket per client, as for Trame (HocuspocusProvider would make the same one by itself).
	const socket = new HocuspocusProviderWebsocket({
		url: `ws://127.0.0.1:${server.port}`,
		WebSocketPolyfill: WS as unknown as typeof globalThis.WebSocket
	});
	const provider = new HocuspocusProvider({
		websocketProvider: socket,
		name: board.id,
		document: doc,
		onSynced: ({ state }) => state && onSynced()
	});
	provider.attach();
	const destroy = () => {
		provider.destroy();
		socket.destroy();
		doc.destroy();
	};
	return { doc, authorId: doc.clientID.toString(36).padStart(22, 'x'), isSynced: () => synced, synced: syncedAt, destroy };
}

/** Connects `count` clients, `batch` at a time, each batch waiting for its first sync. */
export async function connectMany(server: RunningServer, board: Board, count: number, batch = 50): Promise<BenchClient[]> {
	const clients: BenchClient[] = [];
	for (let i = 0; i < count; i += batch) {
		const group = await Promise.all(Array.from({ length: Math.min(batch, count - i) }, () => connect(server, board)));
		await within(Promise.all(group.map((c) => c.synced)), 60_000, `${count} clients to sync`);
		clients.push(...group);
	}
	return clients;
}

export function destroyAll(clients: BenchClient[]): void {
	for (const client of clients) client.destroy();
}
