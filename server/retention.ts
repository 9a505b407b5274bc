/**
 * Retention (`TRAME_RETENTION_DAYS`, off by default): boards whose session has
 * been closed for more than N days are deleted, like an organiser's delete.
 * A sweep runs at start and then daily. "Closed since" is `boards.closed_at`:
 * the first time a sweep (or any other caller of setBoardClosedAt) sees the
 * session in the `closed` phase; reopening the session clears it. So a board
 * goes between N and N + 1 days after its session closed.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { readSession } from '../src/lib/board/session';
import { deleteBoards, listBoards, setBoardClosedAt } from './db/boards';
import { loadDoc } from './sync/persistence';
import { purgeBoards } from './boards';
import { SESSION_DOC } from './board-docs';

const DAY_MS = 86_400_000;

async function isClosed(app: FastifyInstance, boardId: string): Promise<boolean> {
	const session = (await loadDoc(app.db, boardId, SESSION_DOC)).doc;
	try {
		return readSession(session).phase === 'closed';
	} finally {
		session.destroy();
	}
}

/** One sweep at time `now`; returns the ids of the boards it deleted. */
export async function sweepRetention(app: FastifyInstance, days: number, now = Date.now()): Promise<string[]> {
	const expired: string[] = [];
	// With several instances, one sweeps at a time (an advisory lock); the others skip this round.
	await app.db.exclusive('trame:retention', async () => {
		for (const board of await listBoards(app.db)) {
			if (!(await isClosed(app, board.id))) {
				if (board.closedAt) await setBoardClosedAt(app.db, board.id, null);
				continue;
			}
			const closedAt = board.closedAt?.getTime() ?? now;
			if (!board.closedAt) await setBoardClosedAt(app.db, board.id, new Date(now));
			if (now - closedAt >= days * DAY_MS) expired.push(board.id);
		}
		if (expired.length > 0) await purgeBoards(app, expired, () => deleteBoards(app.db, expired));
	});
	if (expired.length > 0) {
		app.log.info({ boards: expired.length, days }, 'retention: boards closed for too long deleted');
	}
	return expired;
}

export default fp<{ days: number }>(
	async (app, opts) => {
		const sweep = () =>
			sweepRetention(app, opts.days).catch((err) => app.log.error({ err }, 'retention sweep failed; it runs again tomorrow'));
		const timer = setInterval(sweep, DAY_MS);
		timer.unref();
		app.addHook('onReady', async () => void (await sweep()));
		app.addHook('onClose', async () => clearInterval(timer));
	},
	{ name: 'retention', dependencies: ['db', 'sync'] }
);
