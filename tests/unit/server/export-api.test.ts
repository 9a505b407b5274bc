import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Ajv } from 'ajv';
import { addNote, readNotes } from '../../../src/lib/board/doc';
import { participantIdOf } from '../../../src/lib/shared/identity';
import { loadDoc } from '../../../server/sync/persistence';
import { buildTestApp } from '../../helpers/build-app';
import { connect, listen, tokenOf, until } from '../../helpers/sync-client';
import { parseCsv } from '../export/parse-csv';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../../static/schema/trame-export-v1.schema.json'), 'utf8'));
const validate = new Ajv({ strict: true }).compile(schema);

const TEXT = 'Ouvrir les données, "vraiment"\net 🌍 البيانات المفتوحة';

/** A board with one note written by a participant through the real sync endpoint. */
async function boardWithNote(env: Record<string, string> = {}) {
	const { app } = await buildTestApp(env);
	const origin = await listen(app);
	const created = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Atelier, « Données »' } })).json();
	const participant = await connect(origin, created.id, tokenOf(created.links.participant));
	addNote(participant.doc, { axisId: 'donnees', authorId: await participantIdOf(participant.key), text: TEXT });
	await until(async () => readNotes((await loadDoc(app.db, created.id)).doc).some((n) => n.text === TEXT), 'the note to be stored');
	const exportAs = (format: string, role?: string, extra = '') =>
		app.inject({
			url: `/api/boards/${created.id}/export?format=${format}${extra}`,
			headers: role ? { authorization: `Bearer ${role === 'bad' ? 'nope' : tokenOf(created.links[role])}` } : {}
		});
	return { app, created, participant, exportAs };
}

const FORMATS = [
	['md', /^text\/markdown; charset=utf-8$/],
	['csv', /^text\/csv; charset=utf-8$/],
	['json', /^application\/json/]
] as const;

describe('GET /api/boards/<id>/export', () => {
	test.each(FORMATS)('%s: organiser and facilitator get the note written through sync; other roles are refused', async (format, type) => {
		const { exportAs } = await boardWithNote();
		for (const role of ['organiser', 'facilitator']) {
			const res = await exportAs(format, role);
			expect(res.statusCode, role).toBe(200);
			expect(res.headers['content-type']).toMatch(type);
			expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="atelier-donnees-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`));
			expect(res.headers['cache-control']).toBe('no-store');
			if (format === 'json') {
				const body = res.json();
				expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
				expect(body.boards[0].notes.map((n: { text: string }) => n.text)).toEqual([TEXT]);
				expect(body.$schema).toBe('http://localhost:3000/schema/trame-export-v1.schema.json');
			} else if (format === 'csv') {
				const rows = parseCsv(res.body.replace(/^\uFEFF/, ''), ',');
				expect(rows[1]).toEqual(['Atelier, « Données »', 'Données', '', TEXT, '0', expect.any(String), '', '0', '']);
			} else {
				expect(res.body).toContain('Ouvrir les données, "vraiment"\n   et 🌍 البيانات المفتوحة (0 vote)');
			}
		}
		expect((await exportAs(format, 'participant')).statusCode).toBe(403);
		expect((await exportAs(format, 'projector')).statusCode).toBe(403);
		expect((await exportAs(format, 'bad')).statusCode).toBe(401);
		expect((await exportAs(format)).statusCode).toBe(401);
		expect((await exportAs(format, 'participant')).json().error.code).toBe('forbidden');
	});

	test('unknown board 404, bad or missing format 400, with JSON errors', async () => {
		const { app, exportAs, created } = await buildAndExport();
		const unknown = await app.inject({ url: '/api/boards/nope/export?format=md', headers: { authorization: `Bearer ${tokenOf(created.links.organiser)}` } });
		expect(unknown.statusCode).toBe(404);
		expect(unknown.json().error.code).toBe('not_found');
		for (const query of ['pdf', 'md&authors=yes', 'md&lang=de']) {
			const res = await exportAs(query, 'organiser');
			expect(res.statusCode, query).toBe(400);
			expect(res.json().error.code).toBe('validation_failed');
		}
		const noFormat = await app.inject({ url: `/api/boards/${created.id}/export`, headers: { authorization: `Bearer ${tokenOf(created.links.organiser)}` } });
		expect(noFormat.statusCode).toBe(400);
	});

	test('anonymous by default; authors=1 names the writer "Participant 1", never by id', async () => {
		const { exportAs, participant } = await boardWithNote();
		const id = await participantIdOf(participant.key);
		for (const format of ['md', 'csv', 'json']) {
			const plain = await exportAs(format, 'organiser');
			expect(plain.body).not.toContain('Participant 1');
			expect(plain.body).not.toContain(id);
			const named = await exportAs(format, 'organiser', '&authors=1');
			expect(named.body).toContain('Participant 1');
			expect(named.body).not.toContain(id);
		}
	});

	test('exports a board that is no longer loaded, from SQLite', async () => {
		const { app, created, participant, exportAs } = await boardWithNote({ TRAME_UNLOAD_AFTER_MS: '0' });
		participant.provider.destroy();
		await until(() => app.rooms.peek(created.id) === undefined, 'the room to unload');
		expect((await exportAs('json', 'facilitator')).json().boards[0].notes[0].text).toBe(TEXT);
	});

	test('Markdown in English, CSV with semicolons', async () => {
		const { exportAs } = await boardWithNote();
		expect((await exportAs('md', 'organiser', '&lang=en')).body).toContain('(0 votes)');
		const rows = parseCsv((await exportAs('csv', 'organiser', '&sep=semicolon')).body.replace(/^\uFEFF/, ''), ';');
		expect(rows[1][3]).toBe(TEXT);
	});
});

async function buildAndExport() {
	const { app } = await buildTestApp();
	const created = (await app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'T' } })).json();
	const exportAs = (format: string, role: string) =>
		app.inject({ url: `/api/boards/${created.id}/export?format=${format}`, headers: { authorization: `Bearer ${tokenOf(created.links[role])}` } });
	return { app, created, exportAs };
}
