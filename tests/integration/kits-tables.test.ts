/**
 * Kits and tables against the real built server with stock y-websocket
 * clients (issue 13): a kit exported after a session recreates the same
 * format with no note and no participant data; a workshop's facilitator
 * token opens all three tables, whose notes a plenary reader merges per axis.
 */
import { describe, expect, test } from 'vitest';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { addNote, readNotes } from '../../src/lib/board/doc';
import { BUILTIN_KITS } from '../../src/lib/kits/builtin';
import type { SplitTablesResponse } from '../../src/lib/shared/api';
import { connectClient, tokenOf, waitFor } from '../helpers/clients';
import { startServer, type ServerProcess, PROCESS_TEST_TIMEOUT_MS } from '../helpers/server-process';

async function api<T>(server: ServerProcess, path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
	const headers: Record<string, string> = {};
	if (init.token) headers.authorization = `Bearer ${init.token}`;
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(`${server.origin}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
	return { status: res.status, body: (await res.json()) as T };
}

type Created = { id: string; links: Record<string, string> };

describe('kits and tables on the real server', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
	test('kit round trip: export after a session → create → the same format, no notes, no participant data', async () => {
		const server = await startServer();
		const { body: board } = await api<Created>(server, '/api/boards', { method: 'POST', body: { title: 'Café', kit: BUILTIN_KITS['world-cafe'] } });
		const key = newKey();
		const me = await participantIdOf(key);
		const alice = await connectClient(server, board.id, { token: tokenOf(board.links.participant), key });
		addNote(alice.doc, { axisId: 'question-1', authorId: me, text: 'Le café numérique du mardi' });
		const projector = await connectClient(server, board.id, { token: tokenOf(board.links.projector) });
		await waitFor(() => readNotes(projector.doc).some((n) => n.text === 'Le café numérique du mardi'), 'the note on the server');

		const exported = await api<Record<string, unknown>>(server, `/api/boards/${board.id}/kit`, { token: tokenOf(board.links.facilitator) });
		expect(exported.status).toBe(200);
		const text = JSON.stringify(exported.body);
		for (const secret of ['Le café numérique du mardi', me, key, tokenOf(board.links.participant)]) expect(text).not.toContain(secret);
		expect(exported.body.$schema).toBe(`${server.origin}/schema/trame-kit-v1.schema.json`);
		const schema = await fetch(`${server.origin}/schema/trame-kit-v1.schema.json`);
		expect(schema.status).toBe(200);

		const { status, body: again } = await api<Created>(server, '/api/boards', { method: 'POST', body: { title: 'Café', kit: exported.body } });
		expect(status).toBe(201);
		const second = await api<Record<string, unknown>>(server, `/api/boards/${again.id}/kit`, { token: tokenOf(again.links.organiser) });
		expect(second.body).toEqual(exported.body);
		// The notes stayed on the first board.
		const fresh = await connectClient(server, again.id, { token: tokenOf(again.links.projector) });
		expect(readNotes(fresh.doc)).toEqual([]);
	});

	test('three tables: stock clients write at each, a plenary reader with the workshop token merges them per axis', async () => {
		const server = await startServer();
		const { body: workshop } = await api<Created>(server, '/api/boards', { method: 'POST', body: { title: 'NEC', template: 'nec' } });
		const facilitatorToken = tokenOf(workshop.links.facilitator);
		const split = await api<SplitTablesResponse>(server, `/api/boards/${workshop.id}/tables`, { method: 'POST', token: facilitatorToken, body: { count: 3 } });
		expect(split.status).toBe(201);
		const { tables } = split.body;
		const writes: [number, string, string][] = [[0, 'lieux', 'Tiers-lieu rural'], [1, 'lieux', 'Médiathèque le dimanche'], [2, 'communs', 'Cartographie partagée'], [2, 'lieux', 'Bus numérique']];
		for (const [i, table] of tables.entries()) {
			const key = newKey();
			const client = await connectClient(server, table.id, { token: tokenOf(table.links.participant), key });
			for (const [at, axisId, text] of writes) if (at === i) addNote(client.doc, { axisId, authorId: await participantIdOf(key), text });
		}
		// The plenary: the workshop's facilitator token opens every table (no table token needed).
		const readers = await Promise.all(tables.map((t) => connectClient(server, t.id, { token: facilitatorToken, key: newKey() })));
		const merged = () => {
			const perAxis: Record<string, Record<number, string[]>> = {};
			readers.forEach((reader, i) => {
				for (const note of readNotes(reader.doc)) ((perAxis[note.axisId] ??= {})[tables[i].number] ??= []).push(note.text);
			});
			return perAxis;
		};
		await waitFor(() => Object.values(merged()).flatMap((t) => Object.values(t)).flat().length === writes.length, 'every table’s notes');
		expect(merged()).toEqual({
			lieux: { 1: ['Tiers-lieu rural'], 2: ['Médiathèque le dimanche'], 3: ['Bus numérique'] },
			communs: { 3: ['Cartographie partagée'] }
		});
		// The workshop's participant link does not open its tables.
		const listed = await api<{ error: { code: string } }>(server, `/api/boards/${tables[0].id}/kit`, { token: tokenOf(workshop.links.participant) });
		expect(listed.status).toBe(401);
	});

});
