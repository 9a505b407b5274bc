/** Writes a board's session document the way the server stores it (by name, appended). */
import * as Y from 'yjs';
import { setPhase, type Phase } from '../../src/lib/board/session';
import { appendUpdate, loadDoc } from '../../server/sync/persistence';
import { SESSION_DOC } from '../../server/board-docs';
import type { Db } from '../../server/db/plugin';

export async function setStoredPhase(db: Db, boardId: string, phase: Phase): Promise<void> {
	const doc = (await loadDoc(db, boardId, SESSION_DOC)).doc;
	const before = Y.encodeStateVector(doc);
	setPhase(doc, phase);
	await appendUpdate(db, boardId, Y.encodeStateAsUpdate(doc, before), SESSION_DOC);
	doc.destroy();
}
