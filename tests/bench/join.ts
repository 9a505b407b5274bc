/**
 * Light clients that speak the sync protocol by hand: they ask for the
 * document (sync step 1), note when the server's full state arrives, and
 * then read only the Yjs id (client, clock) of each update they receive,
 * without decoding the document. Hundreds of Y.Docs in this one process
 * would measure the clients, not the server: on 2 cores the bench process
 * itself saturates first. Trame speaks y-websocket; Hocuspocus 3 prefixes
 * each frame with the document name and wants an auth frame first (as its
 * provider sends). https://github.com/yjs/yjs/blob/main/src/utils/updates.js
 */
import { WebSocket } from 'ws';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { newKey } from '../../src/lib/shared/identity';
import { nextLocalAddress, type Board } from './clients';
import type { RunningServer } from './servers';

const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const AUTH = 2;
const AUTH_TOKEN = 0;
/** The state vector of an empty document. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

function step1(e: encoding.Encoder): void {
	encoding.writeVarUint(e, SYNC);
	encoding.writeVarUint(e, STEP1);
	encoding.writeVarUint8Array(e, EMPTY_STATE_VECTOR);
}

/** A sync frame's step and payload, or null for anything else (awareness, auth, another document). */
function readSync(data: Uint8Array, documentName: string | null): { step: number; payload: Uint8Array } | null {
	const decoder = decoding.createDecoder(data);
	if (documentName !== null && decoding.readVarString(decoder) !== documentName) return null;
	if (decoding.readVarUint(decoder) !== SYNC) return null;
	const step = decoding.readVarUint(decoder);
	return { step, payload: decoding.readVarUint8Array(decoder) };
}

/** The id of the first struct of a v1 update: its writer's client id and the clock of its first change. */
function firstStructId(update: Uint8Array): { client: number; clock: number } | null {
	const decoder = decoding.createDecoder(update);
	if (decoding.readVarUint(decoder) === 0) return null;
	decoding.readVarUint(decoder);
	return { client: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder) };
}

export type OnUpdate = (client: number, clock: number, at: number) => void;

export interface Joined {
	/** Milliseconds from opening the socket until the full state arrived. */
	ms: number;
	/** Called with the id of every update received from now on, and performance.now() at its arrival. */
	onUpdate(listener: OnUpdate): void;
	close(): void;
}

/** Opens a socket and asks for the document; stays connected until `close()`, as a participant would. */
export function joinOnce(server: RunningServer, board: Board, localAddress: string): Promise<Joined> {
	const trame = server.kind === 'trame';
	const url = trame
		? `ws://127.0.0.1:${server.port}/yjs/${board.id}?token=${board.token}&key=${newKey()}`
		: `ws://127.0.0.1:${server.port}`;
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(url, { localAddress });
		socket.binaryType = 'nodebuffer';
		socket.on('open', () => {
			if (trame) return socket.send(frame(step1));
			socket.send(frame((e) => {
				encoding.writeVarString(e, board.id);
				encoding.writeVarUint(e, AUTH);
				encoding.writeVarUint(e, AUTH_TOKEN);
				encoding.writeVarString(e, '');
			}));
			socket.send(frame((e) => (encoding.writeVarString(e, board.id), step1(e))));
		});
		let done = false;
		const listeners: OnUpdate[] = [];
		socket.on('message', (data: Buffer) => {
			const at = performance.now();
			const sync = readSync(data, trame ? null : board.id);
			if (!sync) return;
			if (!done && sync.step === STEP2) {
				done = true;
				resolve({ ms: at - started, onUpdate: (l) => listeners.push(l), close: () => socket.close() });
			} else if (done && sync.step === UPDATE && listeners.length > 0) {
				const id = firstStructId(sync.payload);
				if (id) for (const listener of listeners) listener(id.client, id.clock, at);
			}
		});
		socket.on('error', reject);
		socket.on('close', (code) => done || reject(new Error(`closed (${code}) before the document arrived`)));
	});
}

/** `count` clients join at once. */
export function joinStorm(server: RunningServer, board: Board, count: number): Promise<Joined[]> {
	return Promise.all(Array.from({ length: count }, () => joinOnce(server, board, nextLocalAddress())));
}
