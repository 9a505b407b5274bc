import { describe, expect, test } from 'vitest';
import { addNote } from '../../../src/lib/board/doc';
import { participantIdOf } from '../../../src/lib/shared/identity';
import { buildTestApp } from '../../helpers/build-app';
import { connect, listen, tokenOf, until } from '../../helpers/sync-client';
import { setStoredPhase } from '../../helpers/session';
import { parseCsv } from '../export/parse-csv';

const EVENT = {
	title: 'Numérique en commun(s) 2026',
	startsOn: '2026-11-25',
	endsOn: '2026-11-26',
	place: 'Lyon',
	description: 'Rencontres nationales',
	licence: 'etalab-2.0'
};

async function setup() {
	const { app } = await buildTestApp();
	const res = await app.inject({ method: 'POST', url: '/api/events', payload: EVENT });
	const event = res.json();
	const auth = { authorization: `Bearer ${tokenOf(event.links.organiser)}` };
	const addBoard = async (payload: object) =>
		(await app.inject({ method: 'POST', url: `/api/events/${event.id}/boards`, headers: auth, payload })).json();
	return { app, res, event, auth, addBoard };
}

describe('events API', () => {
	test('POST /api/events answers 201 with the organiser link, once; the token is stored hashed', async () => {
		const { app, res, event } = await setup();
		expect(res.statusCode).toBe(201);
		expect(event).toEqual({ id: expect.any(String), title: EVENT.title, links: { organiser: expect.stringMatching(new RegExp(`^/e/${event.id}\\?token=[\\w-]{43}$`)) } });
		expect(JSON.stringify(await app.db.rows('SELECT * FROM event_tokens'))).not.toContain(tokenOf(event.links.organiser));
	});

	test.each([
		[{}, 'no title'],
		[{ title: 'E', startsOn: '25/11/2026' }, 'a date not YYYY-MM-DD'],
		[{ title: 'E', startsOn: '2026-02-30' }, 'a day that does not exist'],
		[{ title: 'E', endsOn: '2026-13-45' }, 'a month that does not exist'],
		[{ title: 'E', startsOn: '2026-11-26', endsOn: '2026-11-25' }, 'an end before the start'],
		[{ title: 'E', licence: 'proprietary' }, 'an unknown licence'],
		[{ title: 'E', place: 'x'.repeat(201) }, 'a place too long']
	] as [object, string][])('POST /api/events with %j (%s) is a 400', async (payload) => {
		const { app } = await buildTestApp();
		const res = await app.inject({ method: 'POST', url: '/api/events', payload });
		expect(res.statusCode).toBe(400);
		expect(res.json().error.code).toBe('validation_failed');
		expect(await app.db.rows('SELECT count(*) AS n FROM events')).toEqual([{ n: 0 }]);
	});

	test('the event organiser adds workshops, which answer like POST /api/boards and inherit the licence', async () => {
		const { app, event, addBoard } = await setup();
		const board = await addBoard({ title: 'Atelier Lieux', axes: [{ id: 'lieux', title: 'Lieux', description: '' }] });
		expect(Object.keys(board).sort()).toEqual(['id', 'joinCode', 'links', 'title']);
		expect(Object.keys(board.links).sort()).toEqual(['facilitator', 'organiser', 'participant', 'projector']);
		const info = await app.inject({ url: `/api/boards/${board.id}`, headers: { authorization: `Bearer ${tokenOf(board.links.facilitator)}` } });
		expect(info.json()).toMatchObject({ licence: 'etalab-2.0', eventId: event.id, role: 'facilitator' });
		// A board's own organiser token is not the event's.
		const refused = await app.inject({
			method: 'POST', url: `/api/events/${event.id}/boards`, headers: { authorization: `Bearer ${tokenOf(board.links.organiser)}` }, payload: { title: 'X' }
		});
		expect(refused.statusCode).toBe(401);
		const unknown = await app.inject({ method: 'POST', url: '/api/events/nope/boards', headers: { authorization: 'Bearer x' }, payload: { title: 'X' } });
		expect(unknown.statusCode).toBe(404);
	});

	test('GET /api/events/<id> lists workshops with status and live counts', async () => {
		const { app, event, auth, addBoard } = await setup();
		const origin = await listen(app);
		const a = await addBoard({ title: 'Atelier A' });
		const b = await addBoard({ title: 'Atelier B', template: 'blank' });
		const c = await addBoard({ title: 'Atelier C' });
		const get = async () => (await app.inject({ url: `/api/events/${event.id}`, headers: auth })).json();
		const first = await get();
		expect(first).toMatchObject({ ...EVENT, id: event.id });
		expect(first.boards.map((x: { status: string }) => x.status)).toEqual(['not_started', 'not_started', 'not_started']);
		expect(first.boards[1].axes).toEqual([{ id: 'idees', title: 'Idées' }]);
		expect(first.boards[0].links.participant).toBe(a.links.participant);

		const p = await connect(origin, a.id, tokenOf(a.links.participant));
		addNote(p.doc, { axisId: 'lieux', authorId: await participantIdOf(p.key), text: 'Une idée' });
		await setStoredPhase(app.db, c.id, 'closed');
		await until(() => app.rooms.peek(a.id)?.doc.getMap('notes').size === 1, 'the note to reach the server');
		const now = await get();
		expect(now.boards.map((x: { id: string; status: string; counts: object }) => [x.id, x.status, x.counts])).toEqual([
			[a.id, 'live', { notes: 1, connected: 1 }],
			[b.id, 'not_started', { notes: 0, connected: 0 }],
			[c.id, 'closed', { notes: 0, connected: 0 }]
		]);
		expect(now.boards[2].phase).toBe('closed');
	});

	test('GET /api/events/<id> needs the event token', async () => {
		const { app, event } = await setup();
		expect((await app.inject({ url: `/api/events/${event.id}` })).statusCode).toBe(401);
		expect((await app.inject({ url: `/api/events/${event.id}`, headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
		expect((await app.inject({ url: '/api/events/nope', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(404);
	});

	test('the event export gathers every workshop, in each format; the event token also exports one workshop', async () => {
		const { app, event, auth, addBoard } = await setup();
		const origin = await listen(app);
		const a = await addBoard({ title: 'Atelier A' });
		const b = await addBoard({ title: 'Atelier B', template: 'blank' });
		for (const [board, axisId, text] of [[a, 'lieux', 'Note, de A'], [b, 'idees', 'Note "de" B']] as const) {
			const p = await connect(origin, board.id, tokenOf(board.links.participant));
			addNote(p.doc, { axisId, authorId: await participantIdOf(p.key), text });
			await until(() => app.rooms.peek(board.id)?.doc.getMap('notes').size === 1, 'the note to reach the server');
		}
		const exportAs = (format: string) => app.inject({ url: `/api/events/${event.id}/export?format=${format}`, headers: auth });
		const json = (await exportAs('json')).json();
		expect(json.event).toMatchObject({ title: EVENT.title, place: 'Lyon' });
		expect(json.licence.id).toBe('etalab-2.0');
		expect(json.boards.map((x: { notes: { text: string }[] }) => x.notes[0].text)).toEqual(['Note, de A', 'Note "de" B']);
		const csv = parseCsv((await exportAs('csv')).body.replace(/^\uFEFF/, ''), ',');
		expect(csv.slice(1).map((r) => [r[0], r[3]])).toEqual([['Atelier A', 'Note, de A'], ['Atelier B', 'Note "de" B']]);
		const md = await exportAs('md');
		expect(md.headers['content-disposition']).toMatch(/filename="numerique-en-commun-s-2026-\d{4}-\d\d-\d\d\.md"/);
		expect(md.body).toMatch(/^# Numérique en commun\(s\) 2026\n[\s\S]*## Atelier A[\s\S]*## Atelier B/);
		const one = await app.inject({ url: `/api/boards/${b.id}/export?format=json`, headers: auth });
		expect(one.statusCode).toBe(200);
		expect(one.json().boards).toHaveLength(1);
		const byBoardToken = await app.inject({ url: `/api/events/${event.id}/export?format=md`, headers: { authorization: `Bearer ${tokenOf(a.links.organiser)}` } });
		expect(byBoardToken.statusCode).toBe(401);
	});

	test('DELETE /api/events/<id> deletes the event, its workshops and all their data', async () => {
		const { app, event, auth, addBoard } = await setup();
		const other = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Hors événement' } })).json();
		const a = await addBoard({ title: 'Atelier A' });
		await addBoard({ title: 'Atelier B' });
		const board = await app.inject({ method: 'DELETE', url: `/api/events/${event.id}`, headers: { authorization: `Bearer ${tokenOf(a.links.organiser)}` } });
		expect(board.statusCode).toBe(401);
		expect((await app.inject({ method: 'DELETE', url: `/api/events/${event.id}`, headers: auth })).statusCode).toBe(204);
		expect((await app.inject({ url: `/api/events/${event.id}`, headers: auth })).statusCode).toBe(404);
		expect((await app.inject({ url: `/api/boards/${a.id}`, headers: { authorization: `Bearer ${tokenOf(a.links.organiser)}` } })).statusCode).toBe(404);
		const count = async (sql: string) => (await app.db.rows<{ n: number }>(sql))[0].n;
		expect(await count('SELECT count(*) AS n FROM events')).toBe(0);
		expect(await count('SELECT count(*) AS n FROM event_tokens')).toBe(0);
		expect(await count('SELECT count(*) AS n FROM boards')).toBe(1);
		expect(await count(`SELECT count(*) AS n FROM tokens WHERE board_id != '${other.id}'`)).toBe(0);
		expect(await count(`SELECT count(*) AS n FROM yjs_snapshots WHERE board_id != '${other.id}'`)).toBe(0);
	});
});
