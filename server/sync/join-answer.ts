/**
 * The answer a client opening the board gets (its sync step 1 carries an
 * empty state vector): the whole document. It is encoded once, not once per
 * client: a join storm of 100 clients on a 2,000-note board otherwise spends
 * nearly all its CPU re-encoding the same state. And it is not thrown away at
 * every change: on a plenary board that keeps changing while people arrive,
 * each joiner would re-encode all 10,000 notes. The encoded state is kept with
 * the updates that followed it, sent after it as one merged update, until
 * the tail grows past MAX_TAIL_* (then the state is encoded afresh).
 *
 * A change that deletes something starts afresh at once: the kept state
 * would still hold what was deleted, and a withheld note's text must never
 * reach a socket opened after it was hidden (moderation.ts). The server's
 * documents collect deleted content, so a fresh encoding does not hold it.
 */
import * as Y from 'yjs';
import { encodeSyncStep2, encodeSyncStep2Update, encodeUpdate } from './protocol';

/** Updates kept after the encoded state before it is encoded again. */
export const MAX_TAIL_UPDATES = 500;
export const MAX_TAIL_BYTES = 512 * 1024;

const EMPTY_STATE_VECTOR = new Uint8Array([0]);

export class JoinAnswer {
	/** Sync step 2 with the whole document as it was, or null (encode it at the next join). */
	#state: Uint8Array | null = null;
	#tail: Uint8Array[] = [];
	#tailBytes = 0;
	/** The tail merged into one update message, until the next change. */
	#tailMessage: Uint8Array | null = null;

	/** A document loaded afresh; `wholeState` is its stored snapshot when that is all of it (nothing to encode). */
	reset(wholeState: Uint8Array | null): void {
		this.#state = wholeState ? encodeSyncStep2Update(wholeState) : null;
		this.#clearTail();
	}

	/** The document changed by `update` (`deletes`: its transaction deleted something). */
	changed(update: Uint8Array, deletes: boolean): void {
		if (!this.#state) return;
		if (deletes || this.#tail.length >= MAX_TAIL_UPDATES || this.#tailBytes + update.length > MAX_TAIL_BYTES) return this.reset(null);
		this.#tail.push(update);
		this.#tailBytes += update.length;
		this.#tailMessage = null;
	}

	/** The messages that bring an empty client to the document as it is now. */
	messages(doc: Y.Doc): Uint8Array[] {
		if (!this.#state) {
			this.#state = encodeSyncStep2(doc, EMPTY_STATE_VECTOR);
			this.#clearTail();
		}
		if (this.#tail.length === 0) return [this.#state];
		this.#tailMessage ??= encodeUpdate(this.#tail.length === 1 ? this.#tail[0] : Y.mergeUpdates(this.#tail));
		return [this.#state, this.#tailMessage];
	}

	#clearTail(): void {
		this.#tail = [];
		this.#tailBytes = 0;
		this.#tailMessage = null;
	}
}
