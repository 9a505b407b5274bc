/**
 * What a reloaded document holds that the one it replaces did not, for the
 * peers who were sent the old one (Room.reload): when this instance missed
 * updates another one compacted before it read them, they reach the peers
 * only this way. It carries the whole delete set, so it is for that rare
 * case; a conflict's updates go out as the log has them. Deleted content is
 * already collected in a loaded document, so nothing withheld goes out here.
 */
import * as Y from 'yjs';

export interface DocState {
	vector: Uint8Array;
	/** An update of the document's deletions alone. */
	deletions: Uint8Array;
}

export function stateOf(doc: Y.Doc): DocState {
	const vector = Y.encodeStateVector(doc);
	return { vector, deletions: Y.encodeStateAsUpdate(doc, vector) };
}

/** The update bringing `before` up to `after`, or null if `after` holds nothing more. */
export function missingFrom(before: DocState, after: Y.Doc): Uint8Array | null {
	const now = stateOf(after);
	const had = Y.decodeStateVector(before.vector);
	let grown = false;
	for (const [client, clock] of Y.decodeStateVector(now.vector)) if (clock > (had.get(client) ?? 0)) grown = true;
	if (!grown && Buffer.compare(now.deletions, before.deletions) === 0) return null;
	return Y.encodeStateAsUpdate(after, before.vector);
}
