/** A workshop split into tables (issue 13): each a board with the workshop's format, opened by the workshop's tokens. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Ajv } from 'ajv';
import { BUILTIN_KITS } from '../../../src/lib/kits/builtin';
import { buildTestApp } from '../../helpers/build-app';
import { connect, listen, tokenOf } from '../../helpers/sync-client';
import { addNote } from '../../../src/lib/board/doc';
import { synthesisText } from '../../../src/lib/board/session';
import { citationOf } from '../../../src/lib/board/citations';
import { participantIdOf } from '../../../src/lib/shared/identity';
import { CloseCode } from '../../../src/lib/shared/errors';

const bearer = (link: string) => ({ authorization: `Bearer ${tokenOf(link)}` });

async function workshop() {
	const { app } = await buildTestApp();
	const board = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Café', kit: BUILTIN_KITS['world-cafe'] } })).json();
	const split = (count: number, link = board.links.facilitator) =>
		app.inject({ method: 'POST', url: `/api/boards/${board.id}/tables`, headers: bearer(link), payload: { count } });
	return { app, board, split };
}

describe('tables API', () => {
	test('a facilitator splits a workshop into three tables with their own codes and the same format', async () => {
		const { app, board, split } = await workshop();
		const res = await split(3);
		expect(res.statusCode).toBe(201);
		const { tables } = res.json();
		expect(tables.map((t: { number: number; title: string }) => [t.number, t.title])).toEqual([
			[1, 'Café — Table 1'], [2, 'Café — Table 2'], [3, 'Café — Table 3']
		]);
		expect(new Set(tables.map((t: { joinCode: string }) => t.joinCode)).size).toBe(3);
		const kit = (await app.inject({ url: `/api/boards/${tables[1].id}/kit`, headers: bearer(tables[1].links.facilitator) })).json();
		const { $schema: _s, title: _t, ...format } = BUILTIN_KITS['world-cafe'];
		expect(kit).toMatchObject(format);
		const listed = (await app.inject({ url: `/api/boards/${board.id}/tables`, headers: bearer(board.links.projector) })).json();
		expect(listed.tables.map((t: { id: string }) => t.id)).toEqual(tables.map((t: { id: string }) => t.id));
	});

	test('the workshop’s facilitator and projector reach every table; its participants and a table’s reporter do not reach further', async () => {
		const { app, board, split } = await workshop();
		const { tables } = (await split(2)).json();
		const table = tables[0];
		expect((await app.inject({ url: `/api/boards/${table.id}/kit`, headers: bearer(board.links.facilitator) })).statusCode).toBe(200);
		expect((await app.inject({ url: `/api/boards/${table.id}`, headers: bearer(board.links.projector) })).json().role).toBe('projector');
		expect((await app.inject({ url: `/api/boards/${table.id}`, headers: bearer(board.links.participant) })).statusCode).toBe(401);
		// The reporter's link (the table's facilitator link) runs that table only.
		expect((await app.inject({ url: `/api/boards/${tables[1].id}/kit`, headers: bearer(table.links.facilitator) })).statusCode).toBe(401);
		expect((await app.inject({ url: `/api/boards/${board.id}/kit`, headers: bearer(table.links.facilitator) })).statusCode).toBe(401);
	});

	test('2 to 30 tables; a participant cannot split; a table cannot be split', async () => {
		const { app, board, split } = await workshop();
		expect((await split(1)).json().error.message).toMatch(/at least 2/);
		expect((await split(31)).statusCode).toBe(400);
		expect((await split(2, board.links.participant)).statusCode).toBe(403);
		const { tables } = (await split(29)).json();
		expect((await split(2)).json().error.message).toMatch(/at most 30/);
		expect((await split(1)).statusCode).toBe(201);
		const table = tables[0];
		const nested = await app.inject({ method: 'POST', url: `/api/boards/${table.id}/tables`, headers: bearer(table.links.facilitator), payload: { count: 2 } });
		expect(nested.json().error.message).toMatch(/cannot be split/);
	});

	test('deleting the workshop deletes its tables', async () => {
		const { app, board, split } = await workshop();
		const { tables } = (await split(2)).json();
		expect((await app.inject({ method: 'DELETE', url: `/api/boards/${board.id}`, headers: bearer(board.links.organiser) })).statusCode).toBe(204);
		expect((await app.inject({ url: `/api/boards/${tables[0].id}`, headers: bearer(tables[0].links.organiser) })).statusCode).toBe(404);
		expect(await app.db.rows('SELECT count(*) AS n FROM boards')).toEqual([{ n: 0 }]);
	});
});

describe('workshop exports include its tables', () => {
	test('JSON: one board per table linked to the workshop; Markdown: per axis, per table; the synthesis cites a table note', async () => {
		const { app, board, split } = await workshop();
		const origin = await listen(app);
		const { tables } = (await split(2)).json();
		const writers = await Promise.all(tables.map((t: { id: string; links: { participant: string } }) => connect(origin, t.id, tokenOf(t.links.participant))));
		const ids: string[] = [];
		for (const [i, writer] of writers.entries()) {
			ids.push(addNote(writer.doc, { axisId: 'question-1', authorId: await participantIdOf(writer.key), text: `Idée de la table ${i + 1}` }));
		}
		const session = await connect(origin, `${board.id}/session`, tokenOf(board.links.facilitator));
		synthesisText(session.doc, 'question-1').insert(0, `À retenir : ${citationOf(ids[1])}`);
		const exportOf = (format: string) => app.inject({ url: `/api/boards/${board.id}/export?format=${format}`, headers: bearer(board.links.facilitator) });
		let json: { boards: { id: string; workshopId?: string; table?: number; notes: unknown[]; axes: { cited?: string[] }[] }[] } = { boards: [] };
		await expect
			.poll(async () => {
				json = (await exportOf('json')).json();
				return [json.boards.map((b) => b.notes.length), json.boards[0].axes[0].cited];
			})
			.toEqual([[0, 1, 1], [ids[1]]]);
		expect(json.boards.map((b) => [b.workshopId, b.table])).toEqual([[undefined, undefined], [board.id, 1], [board.id, 2]]);
		const validate = new Ajv().compile(JSON.parse(readFileSync(join(import.meta.dirname, '../../../static/schema/trame-export-v1.schema.json'), 'utf8')));
		expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
		const md = (await exportOf('md')).body;
		const axis = md.slice(md.indexOf('## Ce qui marche'), md.indexOf('## Ce qui coince'));
		const table1 = axis.slice(axis.indexOf('### Table 1'), axis.indexOf('### Table 2'));
		expect(table1).toContain('Idée de la table 1');
		expect(table1).not.toContain('Idée de la table 2');
		expect(axis.slice(axis.indexOf('### Table 2'))).toContain('Idée de la table 2');
		expect(axis).toContain(`\`${citationOf(ids[1])}\` Idée de la table 2`);
		expect(md.match(/^# /gm)).toHaveLength(1);
	});
});

describe('a workshop link regenerated', () => {
	test('closes the connections it had opened on the tables, and no longer opens them', async () => {
		const { app, board, split } = await workshop();
		const origin = await listen(app);
		const { tables } = (await split(2)).json();
		const old = tokenOf(board.links.facilitator);
		const reader = await connect(origin, tables[0].id, old);
		const closed = new Promise<number>((resolve) => reader.provider.on('connection-close', (e) => e && resolve(e.code)));
		const res = await app.inject({ method: 'POST', url: `/api/boards/${board.id}/tokens/facilitator/regenerate`, headers: bearer(board.links.organiser) });
		expect(res.statusCode).toBe(200);
		expect(await closed).toBe(CloseCode.revoked);
		expect((await app.inject({ url: `/api/boards/${tables[0].id}/kit`, headers: { authorization: `Bearer ${old}` } })).statusCode).toBe(401);
		const fresh = `Bearer ${tokenOf(res.json().links.facilitator)}`;
		expect((await app.inject({ url: `/api/boards/${tables[0].id}/kit`, headers: { authorization: fresh } })).statusCode).toBe(200);
	});
});

describe('the event page of a workshop in tables', () => {
	test('counts the notes and the people at its tables', async () => {
		const { app } = await buildTestApp();
		const event = (await app.inject({ method: 'POST', url: '/api/events', payload: { title: 'Rencontres' } })).json();
		const auth = bearer(event.links.organiser);
		const board = (await app.inject({ method: 'POST', url: `/api/events/${event.id}/boards`, headers: auth, payload: { title: 'NEC' } })).json();
		const { tables } = (await app.inject({ method: 'POST', url: `/api/boards/${board.id}/tables`, headers: bearer(board.links.facilitator), payload: { count: 2 } })).json();
		const origin = await listen(app);
		const writer = await connect(origin, tables[1].id, tokenOf(tables[1].links.participant));
		addNote(writer.doc, { axisId: 'lieux', authorId: await participantIdOf(writer.key), text: 'Une idée' });
		const details = async () => (await app.inject({ url: `/api/events/${event.id}`, headers: auth })).json().boards;
		await expect.poll(async () => (await details())[0].counts).toEqual({ notes: 1, connected: 1 });
		expect((await details()).map((b: { title: string; status: string }) => [b.title, b.status])).toEqual([['NEC', 'live']]);
	});
});
