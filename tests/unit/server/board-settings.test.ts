import { describe, expect, test } from 'vitest';
import { readMeta } from '../../../src/lib/board/doc';
import { buildTestApp } from '../../helpers/build-app';
import { connect, listen, tokenOf, until } from '../../helpers/sync-client';

async function setup() {
	const { app } = await buildTestApp();
	const created = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Atelier' } })).json();
	const auth = (role: string) => ({ authorization: `Bearer ${tokenOf(created.links[role])}` });
	return { app, created, auth };
}

describe('GET and PATCH /api/boards/<id>', () => {
	test('any token of the board reads its settings and learns its role; a new board is unpublished', async () => {
		const { app, created, auth } = await setup();
		for (const role of ['organiser', 'facilitator', 'participant', 'projector']) {
			const res = await app.inject({ url: `/api/boards/${created.id}`, headers: auth(role) });
			expect(res.statusCode).toBe(200);
			expect(res.json()).toEqual({
				id: created.id, title: 'Atelier', licence: 'unpublished', role, joinCode: created.joinCode,
				createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), eventId: null
			});
		}
		expect((await app.inject({ url: `/api/boards/${created.id}`, headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
		expect((await app.inject({ url: '/api/boards/nope', headers: auth('organiser') })).statusCode).toBe(404);
	});

	test('only the organiser changes the title and licence; open pages see the new title live', async () => {
		const { app, created, auth } = await setup();
		const origin = await listen(app);
		const projector = await connect(origin, created.id, tokenOf(created.links.projector));
		const patch = (role: string, payload: object) =>
			app.inject({ method: 'PATCH', url: `/api/boards/${created.id}`, headers: auth(role), payload });
		expect((await patch('facilitator', { licence: 'cc0-1.0' })).statusCode).toBe(403);
		const res = await patch('organiser', { title: '  Atelier Communs ', licence: 'etalab-2.0' });
		expect(res.statusCode).toBe(200);
		expect(res.json()).toMatchObject({ title: 'Atelier Communs', licence: 'etalab-2.0', role: 'organiser' });
		await until(() => readMeta(projector.doc).title === 'Atelier Communs', 'the projector to see the new title');
		expect((await app.inject({ url: `/api/boards/${created.id}`, headers: auth('participant') })).json().licence).toBe('etalab-2.0');
	});

	test.each([
		[{ licence: 'cc-by-nc' }],
		[{ title: '   ' }],
		[{}],
		[{ owner: 'me' }]
	])('PATCH %j is refused with 400 and changes nothing', async (payload) => {
		const { app, created, auth } = await setup();
		const res = await app.inject({ method: 'PATCH', url: `/api/boards/${created.id}`, headers: auth('organiser'), payload });
		expect(res.statusCode).toBe(400);
		expect(res.json().error.code).toBe('validation_failed');
		expect((await app.inject({ url: `/api/boards/${created.id}`, headers: auth('organiser') })).json()).toMatchObject({ title: 'Atelier', licence: 'unpublished' });
	});

	test('POST /api/boards accepts starting axes, checked like the board document', async () => {
		const { app } = await buildTestApp();
		const axes = [{ id: 'sante', title: 'Santé', description: '' }];
		expect((await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'T', axes } })).statusCode).toBe(201);
		const bad = await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'T', axes: [{ id: 'Pas Bon', title: 'x', description: '' }] } });
		expect(bad.statusCode).toBe(400);
		const twice = await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'T', axes: [axes[0], axes[0]] } });
		expect(twice.statusCode).toBe(400);
	});
});
