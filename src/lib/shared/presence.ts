/**
 * How presence (y-protocols awareness) travels, shared by server and browser.
 * The server keeps every state but relays them in batches, and on a plenary
 * board (LIMITS.plenaryFrom people or more) it sends participants and
 * projectors one summary entry — how many people are here — instead of every
 * name; facilitators and organisers keep the full list.
 */

/**
 * The awareness client id of the server's summary entry (`PresenceSummary`).
 * Yjs client ids are random 32-bit numbers; the server refuses this one from clients.
 */
export const SUMMARY_CLIENT_ID = 0;

/** The summary entry's state. */
export interface PresenceSummary {
	/** People present on the board (distinct participant keys; projectors not counted). */
	present: number;
}

export function isPresenceSummary(state: unknown): state is PresenceSummary {
	return typeof state === 'object' && state !== null && typeof (state as PresenceSummary).present === 'number';
}

/** Changes (someone arrives, leaves, says "J'ai fini") are merged over this window, then sent once. */
export const PRESENCE_WINDOW_MS = 250;

/**
 * Renewals (a client re-announcing the same state every 15 s so it is not
 * taken for gone after y-protocols' 30 s `outdatedTimeout`) are merged over
 * this longer window. It also bounds the silence a stock client sees: every
 * client is sent a batch at least this often, far within y-websocket's 30 s
 * `messageReconnectTimeout`.
 */
export const RENEW_WINDOW_MS = 5_000;

/** The count a plenary participant sees changes at most this often. */
export const SUMMARY_EVERY_MS = 1_000;
