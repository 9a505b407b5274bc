/**
 * The framing of Trame's multiplexed socket (`/yjs/<boardId>/mux`): one
 * websocket per browser tab carries all of a board's documents. Like
 * Hocuspocus, every frame is the document's name (lib0 varString) followed by
 * an unchanged y-websocket message, so the server hands the message to the
 * same `Room.receive` as the stock endpoints. Defined once here, beside the
 * close codes (errors.ts), imported by the browser client and the server.
 *
 * Besides y-websocket's message types, a document frame may be
 * `MuxMessage.close` (varUint code, varString reason): that one document's
 * link ended, as a websocket close would end a stock connection. Frames of
 * the empty document name are about the socket itself (`MuxControl`).
 */
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

/** The documents a multiplexed socket may open (the stock endpoints' paths, by name). */
export const MuxDoc = { board: 'board', session: 'session', private: 'private' } as const;
export type MuxDoc = (typeof MuxDoc)[keyof typeof MuxDoc];
export const MUX_DOCS: readonly string[] = Object.values(MuxDoc);

/** Message types beyond y-websocket's 0–3 (Hocuspocus numbers its close 7 too). */
export const MuxMessage = { close: 7 } as const;

/** Socket-level frames, under the empty document name. */
export const MuxControl = {
	/** Nothing else was sent for a while: the socket is alive (the client's silence watchdog). */
	heartbeat: 0,
	/** The server is admitting others first: varUint position in the queue (1 = next). */
	queued: 1,
	/** The socket is admitted: documents may now be opened. */
	admitted: 2
} as const;
export type MuxControl = (typeof MuxControl)[keyof typeof MuxControl];

/** The control channel's document name. */
export const CONTROL_DOC = '';

export interface MuxFrame {
	doc: string;
	/** The y-websocket message (or a `MuxMessage.close`, or a control body). */
	message: Uint8Array;
}

export class MalformedFrame extends Error {}

/** Prefixes a y-websocket message with its document's name. */
export function encodeFrame(doc: string, message: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, doc);
	encoding.writeUint8Array(encoder, message);
	return encoding.toUint8Array(encoder);
}

/** Splits a frame into its document name and message (a view, not a copy). Throws MalformedFrame. */
export function decodeFrame(data: Uint8Array): MuxFrame {
	try {
		const decoder = decoding.createDecoder(data);
		const doc = decoding.readVarString(decoder);
		return { doc, message: data.subarray(decoder.pos) };
	} catch (err) {
		throw new MalformedFrame((err as Error).message);
	}
}

/** One document's link closed (code and reason as a websocket close would carry them). */
export function encodeDocClose(doc: string, code: number, reason: string): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, doc);
	encoding.writeVarUint(encoder, MuxMessage.close);
	encoding.writeVarUint(encoder, code);
	encoding.writeVarString(encoder, reason);
	return encoding.toUint8Array(encoder);
}

/** The code and reason of a `MuxMessage.close` message, or null if the message is something else. */
export function readDocClose(message: Uint8Array): { code: number; reason: string } | null {
	try {
		const decoder = decoding.createDecoder(message);
		if (decoding.readVarUint(decoder) !== MuxMessage.close) return null;
		return { code: decoding.readVarUint(decoder), reason: decoding.readVarString(decoder) };
	} catch {
		return null;
	}
}

export function encodeControl(type: MuxControl, value = 0): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, CONTROL_DOC);
	encoding.writeVarUint(encoder, type);
	encoding.writeVarUint(encoder, value);
	return encoding.toUint8Array(encoder);
}

export function readControl(message: Uint8Array): { type: number; value: number } | null {
	try {
		const decoder = decoding.createDecoder(message);
		return { type: decoding.readVarUint(decoder), value: decoding.readVarUint(decoder) };
	} catch {
		return null;
	}
}

/** The path of the multiplexed endpoint, after the server's origin. */
export function muxPath(boardId: string): string {
	return `/yjs/${encodeURIComponent(boardId)}/mux`;
}

/**
 * Milliseconds of silence after which the server sends a heartbeat: half of
 * y-websocket's 30 s `messageReconnectTimeout`, so a quiet board never looks dead.
 */
export const HEARTBEAT_AFTER_MS = 10_000;
