/**
 * Clients of a running server, as outside users see it: the HTTP API, stock
 * y-websocket providers (in Node: `ws` and `disableBc`, so two providers in one
 * process cannot share updates through BroadcastChannel), and raw sockets.
 */
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { CreateBoardResponse } from '../../src/lib/shared/api';
import type { Role } from '../../src/lib/shared/roles';
import { ensureRoots } from '../../src/lib/board/doc';
import { sleep, type ServerProcess } from './server-process';

export interface TestBoard extends CreateBoardResponse {
	tokens: Record<Role, string>;
}

export function tokenOf(link: string): string {
	const token = new URL(link, 'http://x').searchParams.get('token');
	if (!token) throw new Error(`no token in ${link}`);
	return token;
}

export async function createBoard(server: ServerProcess, title = 'Atelier'): Promise<TestBoard> {
	const res = await fetch(`${server.origin}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title, template: 'nec' })
	});
	if (res.status !== 201) throw new Error(`POST /api/boards answered ${res.status}: ${await res.text()}`);
	const body = (await res.json()) as CreateBoardResponse;
	const tokens = Object.fromEntries(Object.entries(body.links).map(([role, link]) => [role, tokenOf(link)]));
	return { ...body, tokens: tokens as Record<Role, string> };
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

/** A stock y-websocket client; resolves once it has synced with the server. Destroyed after the test. */
export async function connectClient(
	server: ServerProcess,
	boardId: string,
	params: { token: string; key?: string }
): Promise<Client> {
	const doc = new Y.Doc();
	ensureRoots(doc);
	const query: Record<string, string> = { token: params.token };
	if (params.key) query.key = params.key;
	const provider = new WebsocketProvider(server.yjsUrl, boardId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: query,
		maxBackoffTime: 200
	});
	let destroyed = false;
	const destroy = () => {
		if (destroyed) return;
		destroyed = true;
		provider.destroy();
		doc.destroy();
	};
	onTestFinished(destroy);
	await waitFor(() => provider.synced, 'the client to sync');
	return { doc, provider, destroy };
}

/** Polls `check` until it is true; fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(10);
	}
}

export type Upgrade = { opened: WebSocket } | { refused: number };

/** Opens a raw websocket; resolves with the open socket or the HTTP status that refused the upgrade. */
export function openRaw(url: string): Promise<Upgrade> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		onTestFinished(() => ws.terminate());
		ws.once('open', () => resolve({ opened: ws }));
		ws.once('unexpected-response', (_req, res) => {
			resolve({ refused: res.statusCode ?? 0 });
			res.resume();
			ws.terminate();
		});
		ws.once('error', (err) => reject(err));
	});
}

export function yjsSocketUrl(server: ServerProcess, boardId: string, params: Record<string, string>): string {
	return `${server.yjsUrl}/${boardId}?${new URLSearchParams(params)}`;
}

/** Resolves with the close code and reason the server sent. */
export function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
	if (ws.readyState === WebSocket.CLOSED) return Promise.reject(new Error('already closed'));
	return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}
