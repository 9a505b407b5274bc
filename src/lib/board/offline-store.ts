/**
 * A copy of each board document in the browser's IndexedDB (y-indexeddb), so
 * notes written offline survive closing the tab and reach the board when the
 * connection returns. The server stays the authority: if it refuses what this
 * copy holds, the copy is cleared (see Live) and the page reloads from the server.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

export interface OfflineStore {
	/** Resolves once the saved copy has been loaded into the document. */
	loaded: Promise<void>;
	clear(): Promise<void>;
	destroy(): Promise<void>;
}

export function offlineStore(name: string, doc: Y.Doc): OfflineStore | null {
	if (typeof indexedDB === 'undefined') return null;
	const persistence = new IndexeddbPersistence(`trame:${name}`, doc);
	return {
		loaded: persistence.whenSynced.then(() => undefined),
		clear: () => persistence.clearData(),
		destroy: () => persistence.destroy()
	};
}
