/**
 * The `sync` plugin: y-websocket endpoints for a board's documents —
 * `/yjs/<boardId>` (notes), `/yjs/<boardId>/session` (facilitation state, every
 * role reads it) and `/yjs/<boardId>/private` (the connecting participant's
 * own unrevealed notes, `private/<participantId>`), all `?token=&key=`.
 * Access is decided before the upgrade (401/403/404 as JSON, DESIGN.md), then
 * every frame goes to the document's Room.
 */
import fp from 'fastify-plugin';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type { FastifyRequest } from 'fastify';
import { LIMITS } from '../../src/lib/shared/limits';
import { CloseCode, CloseReason, ErrorCode } from '../../src/lib/shared/errors';
import { KEY_PATTERN, participantIdOf } from '../../src/lib/shared/identity';
import { needsKey } from '../../src/lib/shared/roles';
import type { Writer } from '../../src/lib/board/validate';
import { ApiError } from '../errors';
import { findBoard, roleOf } from '../db/boards';
import { hashToken } from '../tokens';
import { Rooms } from './rooms';
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
	/** How other instances hear of edits (bus.ts). */
	bus: Bus;
}

/** A client that stops reading is cut off before its backlog grows the server's memory. */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

interface SyncRequest {
	Params: { boardId: string };
	Querystring: { token?: string; key?: string };
}

type DocKind = 'board' | 'session' | 'private';

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
	if (request.server.rooms.peerCount(boardId) >= LIMITS.connectionsPerBoard) {
		throw new ApiError(ErrorCode.tooMany, 'This board has too many connections.');
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
		const perIp = new Map<string, number>();
		const alive = new WeakMap<WebSocket, boolean>();
		const sockets = new Set<WebSocket>();
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

		await app.register(websocket, {
			options: { maxPayload: LIMITS.messageBytes },
			// Instead of the default close (code 1005): compact every room and tell clients why.
			preClose(done) {
				clearInterval(pinger);
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

		const route = (path: string, kind: DocKind) =>
			app.route<SyncRequest>({
				method: 'GET',
				url: path,
				preValidation: async (request) => {
					if (!allowedOrigin(request.headers.origin, request.headers.host, opts.publicUrl)) {
						throw new ApiError(ErrorCode.forbidden, 'Pages of another site cannot connect: the Origin must be this server (TRAME_PUBLIC_URL).');
					}
					if ((perIp.get(request.ip) ?? 0) >= LIMITS.connectionsPerIp) {
						throw new ApiError(ErrorCode.tooMany, 'Too many connections from this address.');
					}
					(request as FastifyRequest & { writer?: Writer }).writer = await authorize(request, kind);
					// A plain-GET probe (below) holds no connection, so it takes no slot.
					if (!request.ws) return;
					// Checked again and taken after the last await: concurrent upgrades cannot all pass the check above.
					if ((perIp.get(request.ip) ?? 0) >= LIMITS.connectionsPerIp) {
						throw new ApiError(ErrorCode.tooMany, 'Too many connections from this address.');
					}
					perIp.set(request.ip, (perIp.get(request.ip) ?? 0) + 1);
				},
				// A browser cannot read why an upgrade failed: our client asks the same URL over plain
				// HTTP and stops for good on 401/403/404 (the checks above), instead of retrying forever.
				handler: async (_request, reply) => reply.code(204).send(),
				wsHandler: (socket, request) => {
					const writer = (request as FastifyRequest & { writer: Writer }).writer;
					// Loading may wait on the database: frames that arrive meanwhile wait on it too, in order.
					let ready: Promise<Room>;
					const peer: Peer = {
						writer,
						// Remembered so that regenerating this link closes this connection (Rooms.revoke).
						tokenHash: hashToken(request.query.token ?? ''),
						awarenessIds: new Set(),
						send(data) {
							if (socket.readyState !== socket.OPEN) return;
							if (socket.bufferedAmount > MAX_BUFFERED_BYTES) return socket.terminate();
							socket.send(data);
						},
						close(code, reason) {
							socket.close(code, reason);
						}
					};
					ready = rooms.connect(request.params.boardId, docNameOf(kind, writer), peer);
					sockets.add(socket);
					alive.set(socket, true);
					socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
						const bytes = toBytes(data);
						void ready.then((room) => room.receive(peer, bytes), () => undefined);
					});
					socket.on('pong', () => alive.set(socket, true));
					socket.on('close', () => {
						sockets.delete(socket);
						const left = (perIp.get(request.ip) ?? 1) - 1;
						if (left > 0) perIp.set(request.ip, left);
						else perIp.delete(request.ip);
						void ready.then(
							(room) => {
								room.leave(peer);
								rooms.released(room);
							},
							() => undefined
						);
					});
					ready.catch((err) => {
						request.log.error({ err, board: request.params.boardId }, 'the board could not be loaded');
						socket.close(CloseCode.storageFull, CloseReason.storageFull);
					});
				}
			});
		route('/yjs/:boardId', 'board');
		route('/yjs/:boardId/session', 'session');
		route('/yjs/:boardId/private', 'private');
	},
	{ name: 'sync', dependencies: ['db'] }
);
