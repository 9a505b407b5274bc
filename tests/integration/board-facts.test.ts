/**
 * What a browser cannot learn from a refused websocket upgrade, it asks over
 * plain HTTP at the same address (the client then stops retrying for good);
 * and what the organiser changes in the database (join code, licence) reaches
 * the session document every open page reads.
 */
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { CreateBoardResponse } from '../../src/lib/shared/api';
import { readSession, synthesisOf } from '../../src/lib/board/session';
import { buildTestApp } from '../helpers/build-app';

const KEY = 'a'.repeat(43);
const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('token')!;

async function setup() {
	const { app } = await buildTestApp();
	const board = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Atelier' } })).json() as CreateBoardResponse;
	return { app, board };
}

describe('the sync addresses over plain HTTP', () => {
	test('answer 204 where a socket would open, and the refusal (401/403/404) where it would not', async () => {
		const { app, board } = await setup();
		const get = async (path: string) => (await app.inject({ method: 'GET', url: path })).statusCode;
		const participant = tokenOf(board.links.participant);
		const projector = tokenOf(board.links.projector);
		expect(await get(`/yjs/${board.id}?token=${participant}&key=${KEY}`)).toBe(204);
		expect(await get(`/yjs/${board.id}/session?token=${projector}`)).toBe(204);
		// The projector has no private document: refused for good, never worth a retry.
		expect(await get(`/yjs/${board.id}/private?token=${projector}`)).toBe(403);
		expect(await get(`/yjs/${board.id}?token=wrong&key=${KEY}`)).toBe(401);
		expect(await get(`/yjs/nope?token=${participant}&key=${KEY}`)).toBe(404);
	});
});

describe('board facts published to open pages', () => {
	test('a replaced participant link and a new licence are written into the session document', async () => {
		const { app, board } = await setup();
		const organiser = { authorization: `Bearer ${tokenOf(board.links.organiser)}` };
		const regen = await app.inject({ method: 'POST', url: `/api/boards/${board.id}/tokens/participant/regenerate`, headers: organiser });
		expect(regen.statusCode).toBe(200);
		const { joinCode } = regen.json() as { joinCode: string };
		expect(joinCode).not.toBe(board.joinCode);
		const patched = await app.inject({ method: 'PATCH', url: `/api/boards/${board.id}`, headers: organiser, payload: { licence: 'etalab-2.0' } });
		expect(patched.statusCode).toBe(200);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate((await app.rooms.run(board.id, () => app.rooms.open(board.id, 'session'))).doc));
		expect(readSession(doc)).toMatchObject({ joinCode, licence: 'etalab-2.0' });
	});
});

describe('synthesis texts', () => {
	test('the server gives every axis its synthesis text, so two consoles never each create one (one would be lost)', async () => {
		const { app, board } = await setup();
		const session = (await app.rooms.run(board.id, () => app.rooms.open(board.id, 'session'))).doc;
		const [a, b] = [new Y.Doc(), new Y.Doc()];
		for (const console of [a, b]) Y.applyUpdate(console, Y.encodeStateAsUpdate(session));
		// Two consoles type at once into the same axis, then hear of each other.
		synthesisOf(a).get('lieux')!.insert(0, 'Ouvrir tard. ');
		synthesisOf(b).get('communs')!.insert(0, 'Des communs. ');
		synthesisOf(b).get('lieux')!.insert(0, 'Avec les habitants. ');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect([...synthesisOf(session).keys()].sort()).toEqual(['communs', 'donnees', 'lieux']);
		expect(synthesisOf(a).get('lieux')!.toString()).toContain('Ouvrir tard.');
		expect(synthesisOf(a).get('lieux')!.toString()).toContain('Avec les habitants.');
		expect(synthesisOf(b).get('lieux')!.toString()).toBe(synthesisOf(a).get('lieux')!.toString());
	});
});
