/**
 * A light participant: one raw websocket speaking Trame's multiplexed
 * protocol (src/lib/shared/mux.ts) by hand, without a Y.Doc — so a test or
 * the bench can hold 1,200 of them in one process. It syncs from an empty
 * state vector, announces a name in awareness, and records what it hears.
 */
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { CONTROL_DOC, decodeFrame, encodeFrame, MuxControl, MuxDoc, readControl, readDocClose } from '../../src/lib/shared/mux';
import { SUMMARY_CLIENT_ID } from '../../src/lib/shared/presence';
import { awarenessEntries, encodeAwarenessEntries, MessageType } from '../../server/sync/protocol';

/** An awareness entry with its state parsed. */
export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: unknown;
}

export interface LightOptions {
	/** Source address on the loopback (default 127.0.0.1: everyone behind one address). */
	localAddress?: string;
}

export type LightResult = { client: LightClient } | { refused: number };

let nextClientId = 1000;

export class LightClient {
	readonly ws: WebSocket;
	readonly clientId = nextClientId++;
	/** Sync step 2 of the board document arrived. */
	synced = false;
	admitted = false;
	queuedAt: number | null = null;
	/** Every awareness entry heard on the board document, in order. */
	readonly heard: AwarenessEntry[] = [];
	/** The last summary count heard, if any. */
	present: number | null = null;
	/** Sync updates heard on the board document (raw Yjs updates). */
	readonly updates: Uint8Array[] = [];
	/** Frames of any kind received. */
	frames = 0;
	closedDocs: { doc: string; code: number; reason: string }[] = [];
	#clock = 0;
	#state: unknown = undefined;
	/** Only count awareness messages, without decoding them, and keep no updates (a bench client must not cost more than the server). */
	countOnly = false;
	/** Awareness messages received on the board document. */
	awarenessMessages = 0;
	/** performance.now() when the board's sync step 2 arrived. */
	syncedAt = 0;
	onUpdate: ((update: Uint8Array) => void) | null = null;

	/** The name the board document goes by on this socket (Trame: 'board'; Hocuspocus: the document's name). */
	readonly boardDoc: string;

	constructor(ws: WebSocket, boardDoc: string = MuxDoc.board) {
		this.ws = ws;
		this.boardDoc = boardDoc;
		ws.on('message', (data: Buffer) => this.#onFrame(new Uint8Array(data)));
	}

	/** Opens the mux socket of a board; resolves once open, or with the HTTP status of a refusal. */
	static open(origin: string, boardId: string, params: Record<string, string>, options: LightOptions = {}): Promise<LightResult> {
		const url = `${origin.replace(/^http/, 'ws')}/yjs/${boardId}/mux?${new URLSearchParams(params)}`;
		return LightClient.connect(url, MuxDoc.board, options);
	}

	/** Any server framing documents as Hocuspocus does (the bench's Hocuspocus: `boardDoc` is the document's name). */
	static connect(url: string, boardDoc: string, options: LightOptions = {}): Promise<LightResult> {
		return new Promise((resolve, reject) => {
			const ws = new WebSocket(url, { localAddress: options.localAddress });
			const client = new LightClient(ws, boardDoc);
			ws.once('open', () => resolve({ client }));
			ws.once('unexpected-response', (_req, res) => {
				resolve({ refused: res.statusCode ?? 0 });
				res.resume();
				ws.terminate();
			});
			ws.once('error', reject);
		});
	}

	/** Asks for the whole board (and the session), as a fresh page does. */
	syncBoard(): void {
		for (const doc of [MuxDoc.board, MuxDoc.session]) this.send(doc, syncStep1Empty());
	}

	/** Sends a Yjs update on the board document. */
	sendUpdate(update: Uint8Array): void {
		const e = encoding.createEncoder();
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint(e, 2);
		encoding.writeVarUint8Array(e, update);
		this.send(this.boardDoc, encoding.toUint8Array(e));
	}

	/** Announces (or changes) this client's presence on the board document. */
	announce(state: unknown, clientId = this.clientId): void {
		this.#state = state;
		this.send(this.boardDoc, awarenessMessage([{ clientId, clock: ++this.#clock, state }]));
	}

	/** Re-announces the same state, as a stock client does every 15 s so as not to be taken for gone. */
	renew(): void {
		if (this.#state !== undefined) this.announce(this.#state);
	}

	/** Sends entries as they are (e.g. an echo of someone else's). */
	sendAwareness(entries: AwarenessEntry[]): void {
		this.send(this.boardDoc, awarenessMessage(entries));
	}

	send(doc: string, message: Uint8Array): void {
		if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encodeFrame(doc, message));
	}

	close(): void {
		this.ws.terminate();
	}

	#onFrame(data: Uint8Array): void {
		this.frames++;
		const { doc, message } = decodeFrame(data);
		if (doc === CONTROL_DOC) {
			const control = readControl(message);
			if (control?.type === MuxControl.queued) this.queuedAt = control.value;
			if (control?.type === MuxControl.admitted) this.admitted = true;
			return;
		}
		const closed = readDocClose(message);
		if (closed) return void this.closedDocs.push({ doc, ...closed });
		if (doc !== this.boardDoc) return;
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		if (type === 0) {
			const step = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (step === 1 && !this.synced) {
				this.synced = true;
				this.syncedAt = performance.now();
			}
			if (step !== 0) {
				if (!this.countOnly) this.updates.push(payload);
				this.onUpdate?.(payload);
			}
		} else if (type === 1) {
			this.awarenessMessages++;
			if (this.countOnly) return;
			for (const entry of readAwareness(decoding.readVarUint8Array(decoder))) {
				this.heard.push(entry);
				if (entry.clientId === SUMMARY_CLIENT_ID && entry.state) this.present = (entry.state as { present: number }).present;
			}
		}
	}
}

export function syncStep1Empty(): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint8Array(e, new Uint8Array([0]));
	return encoding.toUint8Array(e);
}

export function awarenessMessage(entries: AwarenessEntry[]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, MessageType.awareness);
	encoding.writeVarUint8Array(e, encodeAwarenessEntries(entries.map((entry) => ({ ...entry, state: JSON.stringify(entry.state) }))));
	return encoding.toUint8Array(e);
}

function readAwareness(update: Uint8Array): AwarenessEntry[] {
	return awarenessEntries(update).map((entry) => ({ ...entry, state: JSON.parse(entry.state) }));
}
