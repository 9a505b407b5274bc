/**
 * The page's one websocket to a board (`/yjs/<boardId>/mux`, framing in
 * $lib/shared/mux): every document's y-websocket WebsocketProvider talks
 * through it instead of opening its own socket. Each provider is given a
 * `WebSocketPolyfill` whose sockets are views of this one — a document's
 * frames carry its name — so the provider keeps all its behaviour (sync,
 * awareness, reconnecting with backoff, offline edits resent).
 *
 * The real socket opens when a provider first connects, reopens when a
 * provider reconnects after it closed, and closes when no provider uses it.
 * Its documents open once the server admits the socket (« connexion en
 * cours… » meanwhile, with the place in the queue).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
	CONTROL_DOC, decodeFrame, encodeDocClose, encodeFrame, muxPath, MuxControl, readControl, readDocClose, type MuxDoc
} from '$lib/shared/mux';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;
/** A y-websocket awareness message starts with this type (y-protocols). */
const AWARENESS_MESSAGE = 1;
/** Close code of our own close of the real socket (nobody uses it any more). */
const NORMAL_CLOSE = 1000;

interface CloseLike {
	code: number;
	reason: string;
}

/** One document's view of the shared socket, shaped like the WebSocket y-websocket expects. */
class DocSocket {
	static readonly CONNECTING = CONNECTING;
	static readonly OPEN = OPEN;
	static readonly CLOSING = CLOSING;
	static readonly CLOSED = CLOSED;
	readonly CONNECTING = CONNECTING;
	readonly OPEN = OPEN;
	readonly CLOSING = CLOSING;
	readonly CLOSED = CLOSED;
	readyState: number = CONNECTING;
	binaryType = 'arraybuffer';
	onopen: ((event: unknown) => void) | null = null;
	onmessage: ((event: { data: Uint8Array }) => void) | null = null;
	onclose: ((event: CloseLike) => void) | null = null;
	onerror: ((event: unknown) => void) | null = null;

	constructor(
		private readonly mux: MuxSocket,
		readonly doc: MuxDoc,
		private readonly clientId: () => number
	) {}

	send(data: Uint8Array | ArrayBuffer): void {
		if (this.readyState !== OPEN) return;
		const message = ownAwarenessOnly(data instanceof Uint8Array ? data : new Uint8Array(data), this.clientId());
		if (message) this.mux.send(encodeFrame(this.doc, message));
	}

	close(): void {
		if (this.readyState === CLOSED) return;
		const wasOpen = this.readyState === OPEN;
		this.readyState = CLOSED;
		this.mux.detach(this, wasOpen);
	}

	/** The link of this document opened (the socket was admitted). */
	opened(): void {
		if (this.readyState !== CONNECTING) return;
		this.readyState = OPEN;
		this.onopen?.({});
	}

	ended(event: CloseLike): void {
		if (this.readyState === CLOSED) return;
		this.readyState = CLOSED;
		this.onclose?.(event);
	}
}

/**
 * The stock provider sends on every awareness change, including the states it
 * just received from others: those echoes are dropped here (the server drops
 * them too, but they would still cross the network, N entries per phone).
 * Returns the message to send, or null when nothing of ours is left.
 */
function ownAwarenessOnly(message: Uint8Array, clientId: number): Uint8Array | null {
	if (message[0] !== AWARENESS_MESSAGE) return message;
	const decoder = decoding.createDecoder(message);
	decoding.readVarUint(decoder);
	const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
	const count = decoding.readVarUint(update);
	for (let i = 0; i < count; i++) {
		const id = decoding.readVarUint(update);
		const clock = decoding.readVarUint(update);
		const state = decoding.readVarString(update);
		if (id !== clientId) continue;
		const inner = encoding.createEncoder();
		encoding.writeVarUint(inner, 1);
		encoding.writeVarUint(inner, id);
		encoding.writeVarUint(inner, clock);
		encoding.writeVarString(inner, state);
		const outer = encoding.createEncoder();
		encoding.writeVarUint(outer, AWARENESS_MESSAGE);
		encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
		return encoding.toUint8Array(outer);
	}
	return null;
}

export class MuxSocket {
	/** Place in the server's admission queue while waiting (1 = next), else null. */
	queuePosition = $state<number | null>(null);
	#url: string;
	#ws: WebSocket | null = null;
	#admitted = false;
	#docs = new Map<MuxDoc, DocSocket>();
	#activity = new Set<() => void>();

	constructor(boardId: string, params: Record<string, string>) {
		const query = new URLSearchParams(params).toString();
		this.#url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${muxPath(boardId)}?${query}`;
	}

	/** The WebSocket class to give a provider of document `doc` (`clientId`: its awareness id, to drop echoes). */
	polyfill(doc: MuxDoc, clientId: () => number): typeof WebSocket {
		// eslint-disable-next-line @typescript-eslint/no-this-alias
		const mux = this;
		return class extends DocSocket {
			constructor() {
				super(mux, doc, clientId);
				mux.#attach(this);
			}
		} as unknown as typeof WebSocket;
	}

	/** Called on every frame from the server: the link is alive, whatever document it is for. */
	onActivity(fn: () => void): () => void {
		this.#activity.add(fn);
		return () => this.#activity.delete(fn);
	}

	send(frame: Uint8Array): void {
		if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(frame);
	}

	#attach(socket: DocSocket): void {
		this.#docs.get(socket.doc)?.ended({ code: NORMAL_CLOSE, reason: 'replaced' });
		this.#docs.set(socket.doc, socket);
		if (!this.#ws) this.#open();
		else if (this.#admitted) queueMicrotask(() => socket.opened());
	}

	/** A provider closed its document (disconnect, watchdog): tell the server, and let the socket go if unused. */
	detach(socket: DocSocket, wasOpen: boolean): void {
		if (this.#docs.get(socket.doc) !== socket) return;
		this.#docs.delete(socket.doc);
		if (wasOpen) this.send(encodeDocClose(socket.doc, NORMAL_CLOSE, 'closed'));
		if (this.#docs.size === 0 && this.#ws) {
			const ws = this.#ws;
			this.#drop();
			ws.close(NORMAL_CLOSE);
		}
	}

	#open(): void {
		const ws = new WebSocket(this.#url);
		ws.binaryType = 'arraybuffer';
		this.#ws = ws;
		this.#admitted = false;
		ws.onmessage = (event) => {
			if (this.#ws !== ws) return;
			this.#onFrame(new Uint8Array(event.data as ArrayBuffer));
		};
		ws.onclose = (event) => {
			if (this.#ws !== ws) return;
			this.#drop();
			const docs = [...this.#docs.values()];
			this.#docs.clear();
			for (const socket of docs) socket.ended({ code: event.code, reason: event.reason });
		};
		ws.onerror = () => undefined;
	}

	#drop(): void {
		if (this.#ws) this.#ws.onmessage = this.#ws.onclose = null;
		this.#ws = null;
		this.#admitted = false;
		this.queuePosition = null;
	}

	#onFrame(data: Uint8Array): void {
		for (const fn of this.#activity) fn();
		let frame;
		try {
			frame = decodeFrame(data);
		} catch {
			return;
		}
		if (frame.doc === CONTROL_DOC) return this.#onControl(frame.message);
		const socket = this.#docs.get(frame.doc as MuxDoc);
		if (!socket) return;
		const closed = readDocClose(frame.message);
		if (closed) {
			this.#docs.delete(socket.doc);
			return socket.ended(closed);
		}
		socket.onmessage?.({ data: frame.message });
	}

	#onControl(message: Uint8Array): void {
		const control = readControl(message);
		if (control?.type === MuxControl.queued) this.queuePosition = control.value;
		if (control?.type === MuxControl.admitted) {
			this.#admitted = true;
			this.queuePosition = null;
			for (const socket of this.#docs.values()) socket.opened();
		}
	}
}
