import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config';
import { findBoard } from '../../../server/db/boards';
import { sweepRetention } from '../../../server/retention';
import { createBoard } from '../../../server/boards';
import { buildTestApp } from '../../helpers/build-app';
import { setStoredPhase } from '../../helpers/session';

const DAY = 86_400_000;

describe('TRAME_RETENTION_DAYS', () => {
	test('is off unless set, and a bad value stops the start', () => {
		expect(loadConfig({}).retentionDays).toBeNull();
		expect(loadConfig({ TRAME_RETENTION_DAYS: 'off' }).retentionDays).toBeNull();
		expect(loadConfig({ TRAME_RETENTION_DAYS: '30' }).retentionDays).toBe(30);
		for (const bad of ['0', '-3', '1.5', 'thirty']) {
			expect(() => loadConfig({ TRAME_RETENTION_DAYS: bad })).toThrow(ConfigError);
			expect(() => loadConfig({ TRAME_RETENTION_DAYS: bad })).toThrow('TRAME_RETENTION_DAYS');
		}
	});

	test('deletes a board N days after its session was first seen closed, and only that board', async () => {
		const { app } = await buildTestApp({ TRAME_RETENTION_DAYS: '7' });
		await app.ready();
		const create = async (title: string) => (await app.inject({ method: 'POST', url: '/api/boards', payload: { title } })).json().id as string;
		const closed = await create('Fermé');
		const open = await create('Ouvert');
		const reopened = await create('Rouvert');
		setStoredPhase(app.db, closed, 'closed');
		setStoredPhase(app.db, reopened, 'closed');
		const t0 = Date.now();
		expect(sweepRetention(app, 7, t0)).toEqual([]);
		expect(findBoard(app.db, closed)!.closedAt!.getTime()).toBe(t0);
		expect(findBoard(app.db, open)!.closedAt).toBeNull();

		setStoredPhase(app.db, reopened, 'synthesis');
		expect(sweepRetention(app, 7, t0 + 6 * DAY)).toEqual([]);
		expect(findBoard(app.db, reopened)!.closedAt).toBeNull();
		expect(sweepRetention(app, 7, t0 + 7 * DAY)).toEqual([closed]);
		expect(findBoard(app.db, closed)).toBeUndefined();
		expect(app.db.$client.prepare('SELECT count(*) AS n FROM yjs_snapshots WHERE board_id = ?').get(closed)).toEqual({ n: 0 });
		expect(findBoard(app.db, open)).toBeDefined();
		expect(findBoard(app.db, reopened)).toBeDefined();
	});

	test('the server sweeps at start when retention is on, and not when it is off', async () => {
		for (const [env, marked] of [[{ TRAME_RETENTION_DAYS: '30' }, true], [{}, false]] as const) {
			const { app } = await buildTestApp(env);
			// Before the app is ready (app.inject would make it ready): a board closed while the server was down.
			const { id } = createBoard(app.db, { title: 'T' });
			setStoredPhase(app.db, id, 'closed');
			expect(findBoard(app.db, id)!.closedAt).toBeNull();
			await app.ready();
			expect(findBoard(app.db, id)!.closedAt !== null).toBe(marked);
		}
	});
});
