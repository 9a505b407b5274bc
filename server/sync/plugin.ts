/**
 * The `sync` plugin: y-websocket endpoints for a board's documents —
 * `/yjs/<boardId>` (notes), `/yjs/<boardId>/session` (facilitation state, every
 * role reads it) and `/yjs/<boardId>/private` (the connecting participant's
 * own unrevealed notes, `private/<participantId>`), all `?token=&key=` — and
 * `/yjs/<boardId>/mux`, where Trame's own page carries all of them over one
 * socket (mux.ts). Access is decided before the upgrade (401/403/404 as JSON,
 * DESIGN.md) and a place reserved (gate.ts: caps per key, per address, per
 * board); the join then waits its turn in the admission queue, and every
 * frame goes to the document's Room.
 */
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type { FastifyRequest } from 'fastify';
import { LIMITS } from '../../src/lib/shared/limits';
import { CloseCode, CloseReason, ErrorCode } from '../../src/lib/shared/errors';
import { KEY_PATTERN, participantIdOf } from '../../src/lib/shared/identity';
import { hasRole, needsKey } from '../../src/lib/shared/roles';
import type { Writer } from '../../src/lib/board/validate';
import { ApiError } from '../errors';
import { findBoard, roleOf } from '../db/boards';
import { hashToken } from '../tokens';
import { Rooms } from './rooms';
import { Gate, type Ticket } from './gate';
import { MuxSession } from './mux';
import { HEARTBEAT_AFTER_MS, MuxControl } from '../../src/lib/shared/mux';
import type { Bus } from './bus';
import { allowedOrigin } from './origin';
import { BOARD_DOC, privateDocName, SESSION_DOC } from './persistence';
import type { Peer, Room } from './room';

declare module 'fastify' {
	interface FastifyInstance {
		rooms: Rooms;
	}
}

export interface SyncOptions {
	compactAfterUpdates: number;
	unloadAfterMs: number;
	/** Milliseconds between pings; a socket that missed one pong is dropped. */
	pingIntervalMs?: number;
	/** TRAME_PUBLIC_URL's origin: browser pages from there may connect (origin.ts). */
	publicUrl: string;
	connectionsPerIp: number;
	joinsPerSecond: number;
	/** How other instances hear of edits (bus.ts). */
	bus: Bus;
}

/** A client that stops reading is cut off before its backlog grows the server's memory. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Frames kept from a connection waiting for admission (a client sends two or three on opening). */
const QUEUED_FRAMES = 256;

interface SyncRequest {
	Params: { boardId: string };
	Querystring: { token?: string; key?: string };
}

type DocKind = 'board' | 'session' | 'private' | 'mux';

type GatedRequest = FastifyRequest<SyncRequest> & { writer?: Writer; ticket?: Ticket };

/** Which stored document a connection of this kind reaches. */
function docNameOf(kind: DocKind, writer: Writer): string {
	if (kind === 'session') return SESSION_DOC;
	if (kind === 'private') return privateDocName(writer.participantId!);
	return BOARD_DOC;
}

async function authorize(request: FastifyRequest<SyncRequest>, kind: DocKind): Promise<Writer> {
	const { boardId } = request.params;
	const { token = '', key } = request.query;
	if (!(await findBoard(request.server.db, boardId))) throw new ApiError(ErrorCode.notFound, 'No board has this id.');
	const role = await roleOf(request.server.db, boardId, token);
	if (!role) throw new ApiError(ErrorCode.unauthorized, 'This link is not valid: its token is wrong or was revoked.');
	if (key !== undefined && !KEY_PATTERN.test(key)) {
		throw new ApiError(ErrorCode.unauthorized, 'The participant key must be 22 to 128 base64url characters.');
	}
	if (!key && needsKey(role)) {
		throw new ApiError(ErrorCode.unauthorized, 'A participant key is required (connect with params { token, key }).');
	}
	// Only the author reaches a private document: its name comes from the key.
	if (kind === 'private' && !key) {
		throw new ApiError(ErrorCode.forbidden, 'Private notes belong to a participant: connect with their key.');
	}
	return { role, participantId: key ? await participantIdOf(key) : null };
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export default fp<SyncOptions>(
	async (app, opts) => {
		const rooms = new Rooms(app.db, opts.bus, { ...opts, log: app.log });
		app.decorate('rooms', rooms);
		const gate = new Gate(opts);
		const alive = new WeakMap<WebSocket, boolean>();
		const sockets = new Set<WebSocket>();
		const sessions = new Set<MuxSession>();
		const pinger = setInterval(() => {
			for (const socket of sockets) {
				if (alive.get(socket) === false) socket.terminate();
				else {
					alive.set(socket, false);
					socket.ping();
				}
			}
		}, opts.pingIntervalMs ?? 30_000);
		pinger.unref();
		// A quiet multiplexed socket is told it is alive: the page's watchdog then never mistakes silence for a dead link.
		const heartbeats = setInterval(() => {
			const now = Date.now();
			for (const session of sessions) session.heartbeat(now, HEARTBEAT_AFTER_MS);
		}, HEARTBEAT_AFTER_MS / 4);
		heartbeats.unref();

		await app.register(websocket, {
			options: { maxPayload: LIMITS.messageBytes },
			// Instead of the default close (code 1005): compact every room and tell clients why.
			preClose(done) {
				clearInterval(pinger);
				clearInterval(heartbeats);
				gate.close();
				const server = this.websocketServer;
				void rooms
					.closeAll()
					.catch((err) => app.log.error({ err }, 'closing the boards failed'))
					.finally(() => {
						for (const client of server.clients) client.close(CloseCode.shutdown, CloseReason.shutdown);
						server.close();
						done();
					});
			}
		});

		const preValidation = (kind: DocKind) => async (request: GatedRequest) => {
			if (!allowedOrigin(request.headers.origin, request.headers.host, opts.publicUrl)) {
				throw new ApiError(ErrorCode.forbidden, 'Pages of another site cannot connect: the Origin must be this server (TRAME_PUBLIC_URL).');
			}
			// A cheap first look, before any database read: the reservation below is the real check.
			if (!gate.underIpCeiling(request.ip)) throw new ApiError(ErrorCode.tooMany, 'Too many connections from this address (TRAME_CONNECTIONS_PER_IP).');
			const writer = await authorize(request, kind);
			const keyId = writer.participantId ?? `token:${hashToken(request.query.token ?? '')}`;
			request.writer = writer;
			request.ticket = gate.reserve(request.ip, request.params.boardId, keyId);
		};

		/**
		 * The socket is open and its place reserved: the join waits for admission
		 * (frames received meanwhile are kept, in order), and every message is metered.
		 */
		const open = (socket: WebSocket, request: GatedRequest, handlers: { start(): void; message(data: Uint8Array): void; close(): void; queued?(position: number): void }) => {
			const ticket = request.ticket!;
			const withinBudget = Gate.messageMeter();
			let waiting: Uint8Array[] | null = [];
			let waitingBytes = 0;
			sockets.add(socket);
			alive.set(socket, true);
			socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
				if (!withinBudget()) return socket.close(CloseCode.tooFast, CloseReason.tooFast);
				const bytes = toBytes(data);
				if (waiting) {
					waitingBytes += bytes.length;
					if (waiting.length >= QUEUED_FRAMES || waitingBytes > MAX_BUFFERED_BYTES) return socket.close(CloseCode.tooFast, CloseReason.tooFast);
					waiting.push(bytes);
				} else handlers.message(bytes);
			});
			socket.on('pong', () => alive.set(socket, true));
			const cancel = gate.admit(() => {
				if (socket.readyState !== socket.OPEN) return;
				const early = waiting ?? [];
				waiting = null;
				handlers.start();
				for (const bytes of early) handlers.message(bytes);
			}, handlers.queued);
			socket.on('close', () => {
				cancel();
				sockets.delete(socket);
				ticket.release();
				if (!waiting) handlers.close();
				waiting = null;
			});
		};

		const send = (socket: WebSocket) => (data: Uint8Array) => {
			if (socket.readyState !== socket.OPEN) return;
			if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return socket.terminate();
			socket.send(data);
		};

		/**
		 * A sync address: the websocket, and the same checks over plain HTTP. A browser cannot
		 * read why an upgrade failed: our client asks the same URL with a GET and stops for good
		 * on 401/403/404 instead of retrying forever; 204 where a socket would open.
		 */
		const syncRoute = (path: string, kind: DocKind, wsHandler: (socket: WebSocket, request: GatedRequest) => void) =>
			app.route<SyncRequest>({
				method: 'GET',
				url: path,
				preValidation: preValidation(kind),
				handler: async (request: GatedRequest, reply) => {
					request.ticket?.release();
					return reply.code(204).send();
				},
				wsHandler
			});

		const route = (path: string, kind: Exclude<DocKind, 'mux'>) =>
			syncRoute(path, kind, (socket, request) => {
				const writer = request.writer!;
				const peer: Peer = {
					writer,
					// Remembered so that regenerating this link closes this connection (Rooms.revoke).
					tokenHash: hashToken(request.query.token ?? ''),
					awarenessIds: new Set(),
					seesEveryone: hasRole(writer.role, 'facilitator'),
					person: writer.participantId,
					send: send(socket),
					close(code, reason) {
						socket.close(code, reason);
					}
				};
				// Loading may wait on the database: frames that arrive meanwhile wait on it too, in order.
				let ready: Promise<Room> | null = null;
				open(socket, request, {
					start: () => {
						ready = rooms.connect(request.params.boardId, docNameOf(kind, writer), peer);
						ready.catch((err) => {
							request.log.error({ err, board: request.params.boardId }, 'the board could not be loaded');
							socket.close(CloseCode.storageFull, CloseReason.storageFull);
						});
					},
					message: (bytes) => void ready?.then((room) => room.receive(peer, bytes), () => undefined),
					close: () =>
						void ready?.then(
							(room) => {
								room.leave(peer);
								rooms.released(room);
							},
							() => undefined
						)
				});
			});
		route('/yjs/:boardId', 'board');
		route('/yjs/:boardId/session', 'session');
		route('/yjs/:boardId/private', 'private');

		syncRoute('/yjs/:boardId/mux', 'mux', (socket, request) => {
			const session = new MuxSession({
				boardId: request.params.boardId,
				writer: request.writer!,
				tokenHash: hashToken(request.query.token ?? ''),
				rooms,
				transport: { send: send(socket), close: (code, reason) => socket.close(code, reason) }
			});
			open(socket, request, {
				start: () => {
					sessions.add(session);
					session.control(MuxControl.admitted);
				},
				message: (bytes) => session.receive(bytes),
				close: () => {
					sessions.delete(session);
					session.closed();
				},
				queued: (position) => session.control(MuxControl.queued, position)
			});
		});
	},
	{ name: 'sync', dependencies: ['db'] }
);
