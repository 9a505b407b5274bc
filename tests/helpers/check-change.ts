/**
 * Runs a client's change against a board the way the server does: the change
 * is made on a copy, sent as an update, and checked by `checkTransaction`
 * while a fresh server-side doc applies it. Returns the rule it breaks, or null.
 */
import * as Y from 'yjs';
import { ensureRoots } from '../../src/lib/board/doc';
import { checkTransaction, type CheckContext, type Violation, type Writer } from '../../src/lib/board/validate';

export function checkChange(
	server: Y.Doc,
	writer: Writer,
	change: (client: Y.Doc) => void,
	context?: CheckContext
): Violation | null {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(client);
	change(client);
	const probe = new Y.Doc();
	ensureRoots(probe);
	Y.applyUpdate(probe, Y.encodeStateAsUpdate(server));
	let result: Violation | null = null;
	probe.on('afterTransaction', (tr: Y.Transaction) => {
		if (tr.origin === 'client') result = checkTransaction(tr, writer, context);
	});
	Y.applyUpdate(probe, Y.encodeStateAsUpdate(client, before), 'client');
	return result;
}
