/**
 * Real server on port 0 and stock y-websocket clients for integration tests.
 * Every provider is created with `disableBc: true`: otherwise providers in one
 * process share updates through BroadcastChannel and fake the result.
 */
import { onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type { CreateBoardResponse } from '../../src/lib/shared/api';
import type { Role } from '../../src/lib/shared/roles';
import { newKey } from '../../src/lib/shared/identity';
import { buildTestApp } from './build-app';

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** The close code and reason the server sent, once it closed the connection. */
	closed: () => { code: number; reason: string } | null;
}

/** Polls until `check` holds (a deadline, not a speed assertion: it only turns a hang into a clear failure). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export async function startServer() {
	const { app } = await buildTestApp();
	await app.listen({ port: 0, host: '127.0.0.1' });
	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const created = await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Atelier' } });
	const board = created.json() as CreateBoardResponse;
	const token = (role: Role) => new URL(board.links[role], 'http://x').searchParams.get('token')!;

	/** Connects to `/yjs/<boardId>[/<doc>]` and waits for the first sync. */
	async function connect(role: Role, doc: '' | 'session' | 'private' = '', key: string | null = newKey()): Promise<Client> {
		const ydoc = new Y.Doc();
		const params: Record<string, string> = { token: token(role) };
		if (key && role !== 'projector') params.key = key;
		const room = doc ? `${board.id}/${doc}` : board.id;
		const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/yjs`, room, ydoc, {
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			params
		});
		let closed: { code: number; reason: string } | null = null;
		provider.on('closed', (close) => (closed = close));
		onTestFinished(() => {
			provider.destroy();
			ydoc.destroy();
		});
		await waitFor(() => provider.synced, `${role} to sync ${room}`);
		return { doc: ydoc, provider, closed: () => closed };
	}

	return { app, board, token, connect };
}

/** True when `text` appears anywhere in the document's encoded state: what the client really received. */
export function docContains(doc: Y.Doc, text: string): boolean {
	return Buffer.from(Y.encodeStateAsUpdate(doc)).includes(Buffer.from(text, 'utf8'));
}

/** The HTTP status a websocket upgrade is answered with (101 when accepted). */
export function upgradeStatus(url: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url);
		socket.on('upgrade', () => {
			socket.close();
			resolve(101);
		});
		socket.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			res.resume();
		});
		socket.on('error', (err) => reject(err));
	});
}
