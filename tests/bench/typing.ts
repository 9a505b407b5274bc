/**
 * Keystrokes and their arrival. A typist inserts one character per keystroke
 * at the end of its own note, so the k-th character *is* keystroke k: a peer
 * that sees the note reach length k has received keystroke k, and its
 * latency is now − the moment it was typed (same process, same clock).
 */
import type * as Y from 'yjs';
import { addNote, noteText } from '../../src/lib/board/doc';
import type { BenchClient } from './clients';
import { sleep, waitUntil } from './stats';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

export class Typist {
	readonly noteId: string;
	/** performance.now() of keystroke k at index k - 1. */
	readonly sentAt: number[] = [];
	#text: Y.Text;

	constructor(client: BenchClient, axisId = 'lieux') {
		this.noteId = addNote(client.doc, { axisId, authorId: client.authorId, color: 'yellow' });
		this.#text = noteText(client.doc, this.noteId)!;
	}

	keystroke(): void {
		const k = this.sentAt.length;
		this.sentAt.push(performance.now());
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
