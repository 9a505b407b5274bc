/**
 * One multiplexed socket (`/yjs/<boardId>/mux`, framing in
 * src/lib/shared/mux.ts): Trame's own page opens all of a board's documents
 * over it. Each document the client speaks of gets its own Peer in that
 * document's Room, so every message goes through the same `Room.receive` as
 * on the stock endpoints; a document's close (refused update…) ends only that
 * document's link, a revoked token ends the socket.
 */
import { hasRole } from '../../src/lib/shared/roles';
import { CloseCode, CloseReason } from '../../src/lib/shared/errors';
import {
	CONTROL_DOC, decodeFrame, encodeControl, encodeDocClose, encodeFrame, MUX_DOCS, MuxControl, MuxDoc, readDocClose, type MuxFrame
} from '../../src/lib/shared/mux';
import type { Writer } from '../../src/lib/board/validate';
import { BOARD_DOC, privateDocName, SESSION_DOC } from './persistence';
import type { Peer, Room } from './room';
import type { Rooms } from './rooms';

/** What the socket layer gives a session: sending, closing, and how full its buffer is. */
export interface MuxTransport {
	send(data: Uint8Array): void;
	close(code: number, reason: string): void;
}

export interface MuxContext {
	boardId: string;
	writer: Writer;
	tokenHash: string;
	rooms: Rooms;
	transport: MuxTransport;
}

/** The stored document a multiplexed name stands for, or null if this writer cannot open it. */
function storedDoc(doc: string, writer: Writer): string | null {
	if (doc === MuxDoc.board) return BOARD_DOC;
	if (doc === MuxDoc.session) return SESSION_DOC;
	return writer.participantId ? privateDocName(writer.participantId) : null;
}

// A broadcast sends the same bytes to every peer in turn: frame them once per document, not once per peer.
let lastFramed: { doc: string; data: Uint8Array; framed: Uint8Array } | null = null;
function framed(doc: string, data: Uint8Array): Uint8Array {
	if (lastFramed?.doc !== doc || lastFramed.data !== data) lastFramed = { doc, data, framed: encodeFrame(doc, data) };
	return lastFramed.framed;
}

export class MuxSession {
	#ctx: MuxContext;
	#peers = new Map<string, { peer: Peer; ready: Promise<Room> }>();
	/** Milliseconds since the epoch of the last frame sent (heartbeats fill long silences). */
	lastSentAt = Date.now();
	#closed = false;

	constructor(ctx: MuxContext) {
		this.#ctx = ctx;
	}

	/** One frame from the client. */
	receive(data: Uint8Array): void {
		let frame: MuxFrame;
		try {
			frame = decodeFrame(data);
		} catch {
			return this.#ctx.transport.close(CloseCode.malformed, CloseReason.malformed);
		}
		if (frame.doc === CONTROL_DOC) return;
		if (!MUX_DOCS.includes(frame.doc)) return this.#ctx.transport.close(CloseCode.malformed, CloseReason.malformed);
		if (readDocClose(frame.message)) return this.#leave(frame.doc);
		const open = this.#peers.get(frame.doc) ?? this.#join(frame.doc);
		// Loading may wait on the database: frames wait on it too, in order.
		if (open) void open.ready.then((room) => room.receive(open.peer, frame.message), () => undefined);
	}

	control(type: MuxControl, value = 0): void {
		this.#send(encodeControl(type, value));
	}

	/** Sends a heartbeat if nothing was sent for `quietMs`. */
	heartbeat(now: number, quietMs: number): void {
		if (now - this.lastSentAt >= quietMs) this.control(MuxControl.heartbeat);
	}

	/** The socket closed: leave every document. */
	closed(): void {
		this.#closed = true;
		for (const doc of [...this.#peers.keys()]) this.#leave(doc);
	}

	#send(data: Uint8Array): void {
		if (this.#closed) return;
		this.lastSentAt = Date.now();
		this.#ctx.transport.send(data);
	}

	#join(doc: string): { peer: Peer; ready: Promise<Room> } | null {
		const { boardId, writer, tokenHash, rooms } = this.#ctx;
		const docName = storedDoc(doc, writer);
		if (!docName) {
			this.#send(encodeDocClose(doc, CloseCode.refused, `${CloseReason.refused}:private_needs_key`));
			return null;
		}
		const peer: Peer = {
			writer,
			tokenHash,
			awarenessIds: new Set(),
			seesEveryone: hasRole(writer.role, 'facilitator'),
			person: writer.participantId,
			send: (message) => this.#send(framed(doc, message)),
			close: (code, reason) => {
				// A revoked token ends everything this socket holds; anything else ends one document.
				if (code === CloseCode.revoked || code === CloseCode.shutdown) return this.#ctx.transport.close(code, reason);
				this.#send(encodeDocClose(doc, code, reason));
				this.#leave(doc);
			}
		};
		const ready = rooms.connect(boardId, docName, peer);
		ready.catch(() => {
			this.#send(encodeDocClose(doc, CloseCode.storageFull, CloseReason.storageFull));
			this.#peers.delete(doc);
		});
		const open = { peer, ready };
		this.#peers.set(doc, open);
		return open;
	}

	#leave(doc: string): void {
		const open = this.#peers.get(doc);
		if (!open) return;
		this.#peers.delete(doc);
		void open.ready.then(
			(room) => {
				room.leave(open.peer);
				this.#ctx.rooms.released(room);
			},
			() => undefined
		);
	}
}
