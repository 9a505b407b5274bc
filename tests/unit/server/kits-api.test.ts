/** `GET /api/boards/<id>/kit`, creating from a kit, duplicating an event (DESIGN.md, "Workshop kits"). */
import { describe, expect, test } from 'vitest';
import { BUILTIN_KITS } from '../../../src/lib/kits/builtin';
import { buildTestApp } from '../../helpers/build-app';
import { tokenOf } from '../../helpers/sync-client';

const bearer = (link: string) => ({ authorization: `Bearer ${tokenOf(link)}` });

describe('kits API', () => {
	test('a board made from a kit exports the same kit, to its organiser and facilitator only', async () => {
		const { app } = await buildTestApp();
		const kit = BUILTIN_KITS['world-cafe'];
		const res = await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Café du jeudi', kit } });
		expect(res.statusCode).toBe(201);
		const board = res.json();
		for (const role of ['organiser', 'facilitator'] as const) {
			const got = await app.inject({ url: `/api/boards/${board.id}/kit`, headers: bearer(board.links[role]) });
			expect(got.statusCode).toBe(200);
			expect(got.json()).toEqual({ ...kit, title: 'Café du jeudi', $schema: 'http://localhost:3000/schema/trame-kit-v1.schema.json' });
		}
		for (const role of ['participant', 'projector'] as const) {
			const refused = await app.inject({ url: `/api/boards/${board.id}/kit`, headers: bearer(board.links[role]) });
			expect(refused.statusCode).toBe(403);
			expect(refused.json().error.code).toBe('forbidden');
		}
		expect((await app.inject({ url: `/api/boards/${board.id}/kit` })).statusCode).toBe(401);
	});

	test('an invalid kit gets a 400 naming the field, and no board is made', async () => {
		const { app } = await buildTestApp();
		const kit = { ...BUILTIN_KITS.nec, agenda: [{ phase: 'collect', minutes: 'ten', instruction: '' }] };
		const res = await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'T', kit } });
		expect(res.statusCode).toBe(400);
		expect(res.json()).toEqual({ error: { code: 'validation_failed', message: expect.stringContaining('kit/agenda/0/minutes') } });
		expect(await app.db.rows('SELECT count(*) AS n FROM boards')).toEqual([{ n: 0 }]);
	});

	test('the template field still works and now carries the kit’s prompts and agenda', async () => {
		const { app } = await buildTestApp();
		const board = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'NEC', template: 'nec' } })).json();
		const kit = (await app.inject({ url: `/api/boards/${board.id}/kit`, headers: bearer(board.links.organiser) })).json();
		expect(kit.axes.map((a: { id: string }) => a.id)).toEqual(['lieux', 'donnees', 'communs']);
		expect(kit.agenda).toEqual(BUILTIN_KITS.nec.agenda);
	});

	test('an event is duplicated with every workshop’s format, empty, with new links', async () => {
		const { app } = await buildTestApp();
		const event = (await app.inject({ method: 'POST', url: '/api/events', payload: { title: 'Rencontres', place: 'Nantes' } })).json();
		const auth = bearer(event.links.organiser);
		await app.inject({ method: 'POST', url: `/api/events/${event.id}/boards`, headers: auth, payload: { title: 'Rétro', kit: BUILTIN_KITS.retrospective } });
		await app.inject({ method: 'POST', url: `/api/events/${event.id}/boards`, headers: auth, payload: { title: 'Café', kit: BUILTIN_KITS['world-cafe'] } });
		const res = await app.inject({ method: 'POST', url: `/api/events/${event.id}/duplicate`, headers: auth });
		expect(res.statusCode).toBe(201);
		const copy = res.json();
		expect(copy.id).not.toBe(event.id);
		expect(copy.boards.map((b: { title: string }) => b.title)).toEqual(['Rétro', 'Café']);
		const details = (await app.inject({ url: `/api/events/${copy.id}`, headers: bearer(copy.links.organiser) })).json();
		expect(details).toMatchObject({ title: 'Rencontres', place: 'Nantes' });
		const kit = (await app.inject({ url: `/api/boards/${copy.boards[0].id}/kit`, headers: bearer(copy.boards[0].links.facilitator) })).json();
		const { examples: _examples, ...format } = BUILTIN_KITS.retrospective;
		// The example notes became notes; a duplicate copies the format, never the notes.
		expect(kit).toEqual({ ...format, title: 'Rétro', $schema: expect.any(String) });
		expect(details.boards[0].counts.notes).toBe(0);
		expect((await app.inject({ method: 'POST', url: `/api/events/${event.id}/duplicate` })).statusCode).toBe(401);
	});
});

describe('duplicating a board', () => {
	test('the organiser gets a new empty board of the same format, in the same event, with new links', async () => {
		const { app } = await buildTestApp();
		const event = (await app.inject({ method: 'POST', url: '/api/events', payload: { title: 'Rencontres' } })).json();
		const board = (
			await app.inject({ method: 'POST', url: `/api/events/${event.id}/boards`, headers: bearer(event.links.organiser), payload: { title: 'Rétro', kit: BUILTIN_KITS.retrospective } })
		).json();
		const url = `/api/boards/${board.id}/duplicate`;
		expect((await app.inject({ method: 'POST', url, headers: bearer(board.links.facilitator) })).statusCode).toBe(403);
		const res = await app.inject({ method: 'POST', url, headers: bearer(board.links.organiser), payload: { title: 'Rétro (copie)' } });
		expect(res.statusCode).toBe(201);
		const copy = res.json();
		expect(copy.title).toBe('Rétro (copie)');
		expect(copy.links.organiser).not.toBe(board.links.organiser);
		const kit = (await app.inject({ url: `/api/boards/${copy.id}/kit?notes=1`, headers: bearer(copy.links.organiser) })).json();
		const { examples: _examples, ...format } = BUILTIN_KITS.retrospective;
		expect(kit).toEqual({ ...format, title: 'Rétro (copie)', $schema: expect.any(String) });
		const details = (await app.inject({ url: `/api/events/${event.id}`, headers: bearer(event.links.organiser) })).json();
		expect(details.boards.map((b: { id: string }) => b.id)).toEqual([board.id, copy.id]);
	});
});
