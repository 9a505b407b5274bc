import { describe, expect, test } from 'vitest';
import { buildTestApp } from '../../helpers/build-app';
import { JOIN_CODE_ALPHABET } from '../../../src/lib/shared/join-code';

describe('boards API (app.inject)', () => {
	test('POST /api/boards returns the four links and a readable join code', async () => {
		const { app } = await buildTestApp();
		const res = await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Atelier Données', template: 'nec' } });
		expect(res.statusCode).toBe(201);
		const body = res.json();
		expect(body.title).toBe('Atelier Données');
		expect([...body.joinCode].every((c: string) => JOIN_CODE_ALPHABET.includes(c))).toBe(true);
		expect(body.links.organiser).toMatch(new RegExp(`^/b/${body.id}/admin\\?token=[\\w-]{43}$`));
		expect(body.links.facilitator).toMatch(new RegExp(`^/b/${body.id}/facilitate\\?token=[\\w-]{43}$`));
		expect(body.links.participant).toMatch(new RegExp(`^/b/${body.id}\\?token=[\\w-]{22,}$`));
		expect(body.links.projector).toMatch(new RegExp(`^/b/${body.id}/screen\\?token=[\\w-]{22,}$`));
	});

	test('tokens are stored hashed, never in clear', async () => {
		const { app } = await buildTestApp();
		const body = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'T' } })).json();
		const stored = JSON.stringify(await app.db.rows('SELECT * FROM tokens'));
		for (const link of Object.values<string>(body.links)) {
			expect(stored).not.toContain(new URL(link, 'http://x').searchParams.get('token'));
		}
	});

	test.each([
		['malformed JSON', '{"title":', 400, 'bad_request'],
		['no title', '{}', 400, 'validation_failed'],
		['blank title', '{"title":"   "}', 400, 'validation_failed'],
		['unknown template', '{"title":"x","template":"kanban"}', 400, 'validation_failed'],
		['oversize body', JSON.stringify({ title: 'x'.repeat(100_000) }), 413, 'too_large']
	])('%s gets a clear JSON error', async (_name, payload, status, code) => {
		const { app } = await buildTestApp();
		const res = await app.inject({
			method: 'POST',
			url: '/api/boards',
			headers: { 'content-type': 'application/json' },
			payload
		});
		expect(res.statusCode).toBe(status);
		expect(res.json().error.code).toBe(code);
		expect(res.json().error.message).toEqual(expect.any(String));
	});

	test('DELETE needs the organiser token; afterwards the board and its data are gone', async () => {
		const { app } = await buildTestApp();
		const body = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'T' } })).json();
		const token = (role: string) => new URL(body.links[role], 'http://x').searchParams.get('token');
		const del = (auth?: string) =>
			app.inject({ method: 'DELETE', url: `/api/boards/${body.id}`, headers: auth ? { authorization: auth } : {} });
		expect((await del()).statusCode).toBe(401);
		expect((await del('Bearer nope')).statusCode).toBe(401);
		expect((await del(`Bearer ${token('facilitator')}`)).statusCode).toBe(403);
		expect((await del(`Bearer ${token('organiser')}`)).statusCode).toBe(204);
		expect((await del(`Bearer ${token('organiser')}`)).statusCode).toBe(404);
		for (const table of ['boards', 'tokens', 'yjs_updates', 'yjs_snapshots']) {
			expect(await app.db.rows(`SELECT count(*) AS n FROM ${table}`)).toEqual([{ n: 0 }]);
		}
	});

	test('unknown API routes answer JSON 404', async () => {
		const { app } = await buildTestApp();
		const res = await app.inject({ method: 'GET', url: '/api/nothing' });
		expect(res.statusCode).toBe(404);
		expect(res.json().error.code).toBe('not_found');
	});

	test('healthz answers once the database is open, and says which backends it uses', async () => {
		const { app, config } = await buildTestApp();
		const res = await app.inject('/healthz');
		expect(res.statusCode).toBe(200);
		expect(res.json()).toEqual({
			status: 'ok',
			database: { kind: config.databaseUrl ? 'postgresql' : 'sqlite', state: 'ok' },
			bus: { kind: 'local', state: 'ok' }
		});
	});
});
