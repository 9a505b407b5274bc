/**
 * Keystrokes and their arrival. A typist inserts one character per keystroke
 * at the end of its own note, so the k-th character *is* keystroke k, and its
 * Yjs id is (the typist's client id, the clock before it). A peer that
 * receives it measures now − the moment it was typed (same process, same clock).
 */
import * as Y from 'yjs';
import { addNote, noteText } from '../../src/lib/board/doc';
import type { BenchClient } from './clients';
import type { Joined } from './join';
import { sleep, waitUntil } from './stats';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

export class Typist {
	readonly noteId: string;
	/** performance.now() of keystroke k at index k - 1. */
	readonly sentAt: number[] = [];
	/** The same moments by the Yjs clock of the inserted character. */
	readonly sentAtClock = new Map<number, number>();
	readonly clientId: number;
	#doc: Y.Doc;
	#text: Y.Text;

	constructor(client: BenchClient, axisId = 'lieux') {
		this.#doc = client.doc;
		this.clientId = client.doc.clientID;
		this.noteId = addNote(client.doc, { axisId, authorId: client.authorId, color: 'yellow' });
		this.#text = noteText(client.doc, this.noteId)!;
	}

	keystroke(): void {
		const k = this.sentAt.length;
		const now = performance.now();
		this.sentAt.push(now);
		this.sentAtClock.set(Y.getState(this.#doc.store, this.clientId), now);
		this.#text.insert(this.#text.length, ALPHABET[k % ALPHABET.length]);
	}

	/** Types `rate` keystrokes per second for `seconds`, on a fixed schedule (no drift). */
	async type(rate: number, seconds: number, stop: () => boolean = () => false): Promise<void> {
		const start = performance.now();
		const total = Math.round(rate * seconds);
		for (let k = 0; k < total && !stop(); k++) {
			const due = start + (k * 1000) / rate;
			const wait = due - performance.now();
			if (wait > 0) await sleep(wait);
			if (stop()) return;
			this.keystroke();
		}
	}
}

/** Light receivers (join.ts): calls `onArrival(latencyMs)` for each keystroke of `typists` they receive. */
export function observeIds(receivers: Joined[], typists: Typist[], onArrival: (latencyMs: number) => void): void {
	const byClient = new Map(typists.map((t) => [t.clientId, t]));
	for (const receiver of receivers) {
		receiver.onUpdate((client, clock, at) => {
			const sent = byClient.get(client)?.sentAtClock.get(clock);
			if (sent !== undefined) onArrival(at - sent);
		});
	}
}

/** Waits until every client has the note, then calls `onArrival(k, latencyMs)` for each keystroke it receives. */
export async function observe(
	clients: BenchClient[],
	typist: Typist,
	onArrival: (latencyMs: number, k: number) => void
): Promise<Array<() => number>> {
	await waitUntil(() => clients.every((c) => noteText(c.doc, typist.noteId) !== null), 'the note to reach every peer');
	return clients.map((client) => {
		const text = noteText(client.doc, typist.noteId)!;
		let seen = 0;
		text.observe(() => {
			const now = performance.now();
			for (; seen < text.length; seen++) {
				const sent = typist.sentAt[seen];
				if (sent !== undefined) onArrival(now - sent, seen + 1);
			}
		});
		return () => seen;
	});
}
