/**
 * The y-websocket wire protocol (y-protocols sync + awareness), named.
 * Framing as in y-websocket and Hocuspocus: varUint message type, then payload.
 * https://github.com/yjs/y-protocols/blob/master/PROTOCOL.md
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const;

export type Incoming =
	| { type: 'syncStep1'; stateVector: Uint8Array }
	| { type: 'update'; update: Uint8Array }
	/** Checked entry by entry where it is applied (room-awareness.ts), not twice. */
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'queryAwareness' };

export class MalformedMessage extends Error {}

/** Decodes one frame; throws MalformedMessage on anything a y-websocket client would not send. */
export function decodeMessage(data: Uint8Array): Incoming {
	try {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		const message = decodeBody(type, decoder);
		if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
		return message;
	} catch (err) {
		throw err instanceof MalformedMessage ? err : new MalformedMessage((err as Error).message);
	}
}

function decodeBody(type: number, decoder: decoding.Decoder): Incoming {
	switch (type) {
		case MessageType.sync: {
			const step = decoding.readVarUint(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (step === SyncStep.step1) return { type: 'syncStep1', stateVector: payload };
			if (step === SyncStep.step2 || step === SyncStep.update) return { type: 'update', update: payload };
			throw new MalformedMessage(`unknown sync step ${step}`);
		}
		case MessageType.awareness: {
			return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
		}
		case MessageType.queryAwareness:
			return { type: 'queryAwareness' };
		default:
			throw new MalformedMessage(`unknown message type ${type}`);
	}
}

/** One entry of an awareness update; `state` is the JSON text as it travels. */
export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: string;
}

/** The entries of an awareness update (its format: count, then id, clock, JSON state). Throws MalformedMessage. */
export function awarenessEntries(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const state = decoding.readVarString(decoder);
		JSON.parse(state);
		entries.push({ clientId, clock, state });
	}
	if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes in awareness update');
	return entries;
}

/**
 * The update without the entries `keep` refuses, or null if none is left.
 * The stock y-websocket client sends back every awareness change it receives,
 * other clients' included, so foreign entries are dropped rather than refused.
 */
export function filterAwarenessUpdate(update: Uint8Array, keep: (clientId: number) => boolean): Uint8Array | null {
	const entries = awarenessEntries(update).filter((e) => keep(e.clientId));
	return entries.length === 0 ? null : encodeAwarenessEntries(entries);
}

/** An awareness update holding these entries (the inverse of awarenessEntries). */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(encoder, e.clientId);
		encoding.writeVarUint(encoder, e.clock);
		encoding.writeVarString(encoder, e.state);
	}
	return encoding.toUint8Array(encoder);
}

/** True for an update that changes nothing (what a client with nothing new sends as sync step 2). */
export function isEmptyUpdate(update: Uint8Array): boolean {
	try {
		const { structs, ds } = Y.decodeUpdate(update);
		return structs.length === 0 && ds.clients.size === 0;
	} catch {
		return false;
	}
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.sync);
		encoding.writeVarUint(e, SyncStep.step1);
		encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
	});
}

/** A state vector naming no client: the peer's document is empty (`Y.encodeStateVector(new Y.Doc())`). */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return stateVector.length === 1 && stateVector[0] === 0;
}

/** Everything the peer with this state vector lacks. Throws on a malformed state vector. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	return encodeSyncStep2Update(Y.encodeStateAsUpdate(doc, stateVector));
}

/** Sync step 2 carrying an update already encoded (e.g. a stored snapshot that is the whole document). */
export function encodeSyncStep2Update(update: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.sync);
		encoding.writeVarUint(e, SyncStep.step2);
		encoding.writeVarUint8Array(e, update);
	});
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.sync);
		encoding.writeVarUint(e, SyncStep.update);
		encoding.writeVarUint8Array(e, update);
	});
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.awareness);
		encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	});
}
