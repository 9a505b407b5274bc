/**
 * A real y-websocket client against a listening test app (DESIGN.md: the
 * stock WebsocketProvider is a client). `disableBc` keeps two providers in
 * one process from sharing updates through BroadcastChannel.
 */
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { FastifyInstance } from 'fastify';
import { newKey } from '../../src/lib/shared/identity';

/** Starts the app on a free port; returns its ws origin. */
export async function listen(app: FastifyInstance): Promise<string> {
	await app.listen({ port: 0, host: '127.0.0.1' });
	const address = app.server.address();
	if (!address || typeof address === 'string') throw new Error('no TCP address');
	return `ws://127.0.0.1:${address.port}`;
}

/** Waits (not a timing assertion) until `check` holds; fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
	const start = Date.now();
	while (!(await check())) {
		if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

export async function connect(origin: string, boardId: string, token: string, key = newKey()) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${origin}/yjs`, boardId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		params: { token, key }
	});
	onTestFinished(() => {
		provider.destroy();
		doc.destroy();
	});
	await until(() => provider.synced, 'the first sync');
	return { doc, provider, key };
}

/** The token in a link such as `/b/<id>/admin?token=…`. */
export function tokenOf(link: string): string {
	return new URL(link, 'http://x').searchParams.get('token')!;
}
