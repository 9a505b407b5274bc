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
		await setStoredPhase(app.db, closed, 'closed');
		await setStoredPhase(app.db, reopened, 'closed');
		const t0 = Date.now();
		expect(await sweepRetention(app, 7, t0)).toEqual([]);
		expect((await findBoard(app.db, closed))!.closedAt!.getTime()).toBe(t0);
		expect((await findBoard(app.db, open))!.closedAt).toBeNull();

		await setStoredPhase(app.db, reopened, 'synthesis');
		expect(await sweepRetention(app, 7, t0 + 6 * DAY)).toEqual([]);
		expect((await findBoard(app.db, reopened))!.closedAt).toBeNull();
		expect(await sweepRetention(app, 7, t0 + 7 * DAY)).toEqual([closed]);
		expect((await findBoard(app.db, closed))).toBeUndefined();
		expect(await app.db.rows('SELECT count(*) AS n FROM yjs_snapshots WHERE board_id = ?', [closed])).toEqual([{ n: 0 }]);
		expect((await findBoard(app.db, open))).toBeDefined();
		expect((await findBoard(app.db, reopened))).toBeDefined();
	});

	test('the server sweeps at start when retention is on, and not when it is off', async () => {
		for (const [env, marked] of [[{ TRAME_RETENTION_DAYS: '30' }, true], [{}, false]] as const) {
			const { app } = await buildTestApp(env);
			// Before the app is ready (app.inject would make it ready): a board closed while the server was down.
			const { id } = await createBoard(app.db, { title: 'T' });
			await setStoredPhase(app.db, id, 'closed');
			expect((await findBoard(app.db, id))!.closedAt).toBeNull();
			await app.ready();
			expect((await findBoard(app.db, id))!.closedAt !== null).toBe(marked);
		}
	});
});
