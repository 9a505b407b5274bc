/**
 * Websocket hardening with real sockets: the Origin check at upgrade,
 * regenerated links closing the connections of the old token, slow readers
 * cut off before they grow the server's memory, dead sockets dropped.
 */
import { describe, expect, test, onTestFinished } from 'vitest';
import { WebSocket } from 'ws';
import type { CreateBoardResponse, RegenerateLinkResponse } from '../../src/lib/shared/api';
import { CloseCode, CloseReason } from '../../src/lib/shared/errors';
import { LIMITS } from '../../src/lib/shared/limits';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import type { Role } from '../../src/lib/shared/roles';
import { addNote, noteText, readNotes } from '../../src/lib/board/doc';
import { MAX_BUFFERED_BYTES } from '../../server/sync/plugin';
import { buildTestApp } from '../helpers/build-app';
import { startServer, upgradeStatus, waitFor, type Client } from '../helpers/sync-clients';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

const tokenIn = (link: string) => new URL(link, 'http://x').searchParams.get('token')!;

function portOf(app: App): number {
	const address = app.server.address();
	return typeof address === 'object' && address ? address.port : 0;
}

/** A raw `ws` client (no y-websocket): answers pings unless told not to; `pause()` stops reading its TCP socket. */
function rawClient(url: string, options: { origin?: string; autoPong?: boolean } = {}) {
	const ws = new WebSocket(url, options);
	let closed: number | null = null;
	let tcp: { pause(): void; resume(): void } | null = null;
	ws.on('upgrade', (response) => (tcp = response.socket));
	ws.on('close', (code) => (closed = code));
	ws.on('error', () => {});
	onTestFinished(() => ws.terminate());
	const opened = new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade answered ${res.statusCode}`)));
	});
	return { ws, opened, closed: () => closed, pause: () => tcp!.pause(), resume: () => tcp!.resume() };
}

async function regenerate(app: App, board: CreateBoardResponse, role: string, token = tokenIn(board.links.organiser)) {
	return app.inject({
		method: 'POST',
		url: `/api/boards/${board.id}/tokens/${role}/regenerate`,
		headers: { authorization: `Bearer ${token}` }
	});
}

describe('Origin at websocket upgrade', () => {
	test('pages of another site are refused (403); this server, the public URL and non-browser clients connect', async () => {
		const { app, board, token } = await startServer();
		const port = portOf(app);
		const url = `ws://127.0.0.1:${port}/yjs/${board.id}?token=${token('projector')}`;
		const statusWith = (origin?: string) =>
			rawClient(url, { origin }).opened.then(
				() => 101,
				(err: Error) => Number(/\d+$/.exec(err.message)![0])
			);
		expect(await statusWith('https://evil.example')).toBe(403);
		expect(await statusWith('null')).toBe(403);
		expect(await statusWith(`http://127.0.0.1:${port + 1}`)).toBe(403);
		expect(await statusWith(`http://127.0.0.1:${port}`)).toBe(101); // the host the page was served from
		expect(await statusWith('http://localhost:3000')).toBe(101); // TRAME_PUBLIC_URL's default in tests
		expect(await statusWith(undefined)).toBe(101);
	});
});

describe('regenerating a link', () => {
	test('the participant link and join code change; connections of the old token are closed for good, others stay', async () => {
		const { app, board, token, connect } = await startServer();
		const participant = await connect('participant');
		const participantSession = await connect('participant', 'session');
		const facilitator = await connect('facilitator');
		const screen = await connect('projector');

		const response = await regenerate(app, board, 'participant');
		expect(response.statusCode).toBe(200);
		const body = response.json() as RegenerateLinkResponse;
		expect(Object.keys(body.links)).toEqual(['participant']);
		expect(body.links.participant).toMatch(new RegExp(`^/b/${board.id}\\?token=`));
		expect(tokenIn(body.links.participant!)).not.toBe(token('participant'));
		expect(body.joinCode).not.toBe(board.joinCode);

		const revoked = { code: CloseCode.revoked, reason: CloseReason.revoked };
		await waitFor(() => participant.closed() !== null && participantSession.closed() !== null, 'the participant sockets to close');
		expect(participant.closed()).toEqual(revoked);
		expect(participantSession.closed()).toEqual(revoked);
		expect([facilitator, screen].map((c: Client) => [c.closed(), c.provider.wsconnected])).toEqual([
			[null, true],
			[null, true]
		]);

		const upgrade = (t: string) => upgradeStatus(`ws://127.0.0.1:${portOf(app)}/yjs/${board.id}?token=${t}&key=${newKey()}`);
		expect(await upgrade(token('participant'))).toBe(401);
		expect(await upgrade(tokenIn(body.links.participant!))).toBe(101);
		const info = (t: string) => app.inject({ method: 'GET', url: `/api/boards/${board.id}`, headers: { authorization: `Bearer ${t}` } });
		expect((await info(token('participant'))).statusCode).toBe(401);
		expect((await info(tokenIn(body.links.participant!))).json()).toMatchObject({ role: 'participant', joinCode: body.joinCode });
	});

	test.each<Role>(['facilitator', 'projector'])('the %s link: only its connections close', async (role) => {
		const { app, board, token, connect } = await startServer();
		const target = await connect(role);
		const participant = await connect('participant');
		const body = (await regenerate(app, board, role)).json() as RegenerateLinkResponse;
		expect(body.joinCode).toBe(board.joinCode);
		await waitFor(() => target.closed() !== null, `the ${role} socket to close`);
		expect(target.closed()).toEqual({ code: CloseCode.revoked, reason: CloseReason.revoked });
		expect(participant.closed()).toBeNull();
		const upgrade = (t: string) => upgradeStatus(`ws://127.0.0.1:${portOf(app)}/yjs/${board.id}?token=${t}&key=${newKey()}`);
		expect(await upgrade(token(role))).toBe(401);
		expect(await upgrade(tokenIn(body.links[role]!))).toBe(101);
	});

	test('only the organiser may regenerate, and only the three shareable links', async () => {
		const { app, board, token } = await startServer();
		expect((await regenerate(app, board, 'participant', token('facilitator'))).statusCode).toBe(403);
		expect((await regenerate(app, board, 'participant', 'not-a-token')).statusCode).toBe(401);
		const organiser = await regenerate(app, board, 'organiser');
		expect(organiser.statusCode).toBe(400);
		expect(organiser.json()).toMatchObject({ error: { code: 'validation_failed' } });
		expect((await regenerate(app, { ...board, id: 'nope' }, 'projector')).statusCode).toBe(404);
		// Nothing changed: the organiser's own link still works.
		expect((await regenerate(app, board, 'projector')).statusCode).toBe(200);
	});
});

describe('slow and dead sockets', () => {
	test('a client that stops reading is cut off at the buffer limit while the others keep up', async () => {
		const { app, board, token, connect } = await startServer();
		const key = newKey();
		const writer = await connect('participant', '', key);
		const reader = await connect('participant');
		const slow = rawClient(`ws://127.0.0.1:${portOf(app)}/yjs/${board.id}?token=${token('projector')}`);
		await slow.opened;
		slow.pause();
		const room = app.rooms.peek(board.id)!;
		const slowConnected = () => [...room.peers].some((peer) => peer.writer.role === 'projector');
		expect(slowConnected()).toBe(true);

		const noteId = addNote(writer.doc, { axisId: 'lieux', authorId: await participantIdOf(key) });
		const text = noteText(writer.doc, noteId)!;
		const chunk = 'x'.repeat(LIMITS.noteLength);
		let maxBuffered = 0;
		// Each round sends ~1 kB to every reader; far more than the socket buffers can hold.
		for (let round = 0; round < 60_000 && slowConnected(); round++) {
			text.insert(0, chunk);
			text.delete(0, chunk.length);
			if (round % 25 === 0) {
				await new Promise((resolve) => setImmediate(resolve));
				for (const socket of app.websocketServer.clients) maxBuffered = Math.max(maxBuffered, socket.bufferedAmount);
			}
		}
		expect(slowConnected()).toBe(false);
		expect(maxBuffered).toBeLessThanOrEqual(MAX_BUFFERED_BYTES + LIMITS.messageBytes);

		text.insert(0, 'fin');
		await waitFor(() => readNotes(reader.doc).some((note) => note.text === 'fin'), 'the reader to catch up');
		expect(reader.closed()).toBeNull();
		slow.resume();
		await waitFor(() => slow.closed() !== null, 'the slow client to see its socket closed');
		expect(slow.closed()).toBe(1006); // terminated, no close frame: it was not reading
	});

	test('a socket that stops answering pings is dropped; live ones stay', async () => {
		const { app } = await buildTestApp({ TRAME_PING_INTERVAL_MS: '250' });
		await app.listen({ port: 0, host: '127.0.0.1' });
		const board = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Atelier' } })).json() as CreateBoardResponse;
		const url = `ws://127.0.0.1:${portOf(app)}/yjs/${board.id}?token=${tokenIn(board.links.projector)}`;
		const alive = rawClient(url);
		const dead = rawClient(url, { autoPong: false });
		await Promise.all([alive.opened, dead.opened]);
		let pingsAnswered = 0;
		alive.ws.on('ping', () => pingsAnswered++);
		await waitFor(() => dead.closed() !== null, 'the dead socket to be dropped');
		expect(dead.closed()).toBe(1006);
		await waitFor(() => pingsAnswered >= 3, 'the live socket to answer more pings');
		expect(alive.closed()).toBeNull();
		expect(app.rooms.peek(board.id)!.peers.size).toBe(1);
	});
});
