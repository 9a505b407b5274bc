/**
 * Open-data exports end to end through the server (issue 14): a board under
 * ODbL with notes from stock clients, a hidden note and a synthesis citing a
 * note; every format downloaded over HTTP and opened back — the zip and its
 * descriptor, each CSV cell, the ODS and XLSX through LibreOffice, the
 * Decidim file — each with the licence, none with the hidden note.
 */
import { describe, expect, test } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { addNote, hideNote, readNotes } from '../../src/lib/board/doc';
import { synthesisText } from '../../src/lib/board/session';
import { citationOf } from '../../src/lib/board/citations';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { checkTable, descriptorErrors } from '../helpers/frictionless';
import { sheetsViaLibreOffice } from '../helpers/libreoffice';
import { startServer, waitFor } from '../helpers/sync-clients';

const TEXTS = {
	multiline: 'Ouvrir le dimanche\navec des bénévoles, « et » des "cafés"',
	emoji: 'Données ouvertes 📊🔓 👩🏽‍💻',
	formula: '=HYPERLINK("http://exemple.invalid";"clic")',
	plus: '+33 6 12 34 56 78',
	hidden: 'Note à masquer'
};

async function board() {
	const server = await startServer();
	const auth = (role: 'organiser' | 'facilitator') => ({ authorization: `Bearer ${server.token(role)}` });
	const patch = await server.app.inject({ method: 'PATCH', url: `/api/boards/${server.board.id}`, headers: auth('organiser'), payload: { licence: 'odbl-1.0' } });
	expect(patch.statusCode).toBe(200);
	const key = newKey();
	const me = await participantIdOf(key);
	const alice = await server.connect('participant', '', key);
	const ids = {
		multiline: addNote(alice.doc, { axisId: 'lieux', authorId: me, text: TEXTS.multiline }),
		emoji: addNote(alice.doc, { axisId: 'donnees', authorId: me, text: TEXTS.emoji }),
		formula: addNote(alice.doc, { axisId: 'donnees', authorId: me, text: TEXTS.formula }),
		plus: addNote(alice.doc, { axisId: 'communs', authorId: me, text: TEXTS.plus }),
		hidden: addNote(alice.doc, { axisId: 'communs', authorId: me, text: TEXTS.hidden })
	};
	const facilitator = await server.connect('facilitator');
	await waitFor(() => readNotes(facilitator.doc).length === 5, 'the notes');
	hideNote(facilitator.doc, ids.hidden);
	await waitFor(() => readNotes(alice.doc).length === 4, 'the hide');
	const session = await server.connect('facilitator', 'session');
	synthesisText(session.doc, 'donnees').insert(0, `Ouvrir les données ${citationOf(ids.emoji)}, sans piège.`);
	// Every axis has its (server-made) synthesis text; wait for this one's words.
	await waitFor(() => String(server.app.rooms.peek(server.board.id, 'session')!.doc.getMap('synthesis').get('donnees') ?? '').startsWith('Ouvrir les données'), 'the synthesis');
	const download = async (format: string, role: 'organiser' | 'facilitator' = 'organiser') => {
		const res = await server.app.inject({ url: `/api/boards/${server.board.id}/export?format=${format}`, headers: auth(role) });
		expect(res.statusCode, res.body).toBe(200);
		return res;
	};
	return { server, ids, download };
}

describe('open-data exports of a board', () => {
	test('data package: a zip whose descriptor is valid and whose CSV cells are the notes', async () => {
		const { download, ids } = await board();
		const res = await download('datapackage');
		expect(res.headers['content-type']).toBe('application/zip');
		expect(res.headers['content-disposition']).toMatch(/^attachment; filename="atelier-\d{4}-\d{2}-\d{2}\.zip"$/);
		const files = unzipSync(new Uint8Array(res.rawPayload));
		const descriptor = JSON.parse(strFromU8(files['datapackage.json']));
		expect(descriptorErrors(descriptor)).toEqual([]);
		expect(descriptor.licenses).toEqual([{ name: 'ODbL-1.0', path: 'https://opendatacommons.org/licenses/odbl/1-0/', title: 'Open Database License 1.0 (ODbL)' }]);
		expect(descriptor.resources.map((r: { name: string }) => r.name)).toEqual(['notes', 'axes', 'groups']);
		const tables = Object.fromEntries(descriptor.resources.map((r: { name: string; path: string; schema: never }) => [r.name, checkTable(strFromU8(files[r.path]), r.schema)]));
		const byId = new Map(tables.notes.map((n: Record<string, string>) => [n.note_id, n.text]));
		expect(byId).toEqual(new Map([[ids.multiline, TEXTS.multiline], [ids.emoji, TEXTS.emoji], [ids.formula, TEXTS.formula], [ids.plus, TEXTS.plus]]));
		expect(tables.axes.find((a: Record<string, string>) => a.axis_id === 'donnees')).toMatchObject({ cited: ids.emoji, notes: '2' });
		expect(JSON.stringify(tables)).not.toContain(TEXTS.hidden);
		// Who voted never leaves: no participant id in any file.
		const everything = Object.values(files).map((f) => strFromU8(f)).join('\n');
		expect(everything).not.toMatch(/"votes":\s*\{/);
	});

	test.each(['ods', 'xlsx'] as const)('%s: LibreOffice opens it; texts intact, formulas not run, licence on the first sheet', async (format) => {
		const { download } = await board();
		const res = await download(format, 'facilitator');
		expect(res.headers['content-disposition']).toMatch(new RegExp(`\\.${format}"$`));
		const sheets = await sheetsViaLibreOffice(new Uint8Array(res.rawPayload), format);
		expect([...sheets.keys()].sort()).toEqual(['Communs', 'Données', 'Lieux', 'Synthèses', 'À propos'].sort());
		expect(sheets.get('À propos')!.map((r) => r.filter(Boolean).join(' | '))).toContain('Licence | Open Database License 1.0 (ODbL)');
		const cells = (sheet: string) => sheets.get(sheet)!.map((r) => r[1]);
		expect(cells('Lieux')).toEqual(['Note', TEXTS.multiline]);
		// Two notes with no votes: their order is by creation, which may tie within a millisecond.
		expect(cells('Données').slice(1).sort()).toEqual([TEXTS.emoji, TEXTS.formula].sort());
		expect(sheets.get('Données')![1].slice(2, 4)).toEqual(['0', '0']);
		expect(cells('Communs')).toEqual(['Note', TEXTS.plus]);
		expect(sheets.get('Synthèses')!.find((r) => r[1] === 'Données')?.[3]).toMatch(/^#\w{5} Données ouvertes/);
	});

	test('decidim: title/fr and body/fr per note, the synthesis cited in the cited note’s body, the licence in each', async () => {
		const { download, ids } = await board();
		const res = await download('decidim');
		expect(res.headers['content-disposition']).toMatch(/\.decidim\.json"$/);
		const proposals = res.json() as Record<string, string>[];
		expect(proposals.map((p) => p['title/fr']).sort()).toEqual(['Ouvrir le dimanche', TEXTS.emoji, TEXTS.formula, TEXTS.plus].sort());
		const cited = proposals.find((p) => p['title/fr'] === TEXTS.emoji)!;
		expect(cited['body/fr']).toContain(`Synthèse (${citationOf(ids.emoji)})\u00a0: «\u00a0Ouvrir les données ${citationOf(ids.emoji)}, sans piège.\u00a0»`);
		for (const p of proposals) expect(p['body/fr']).toContain('Licence\u00a0: Open Database License 1.0 (ODbL)');
		expect(JSON.stringify(proposals)).not.toContain(TEXTS.hidden);
	});

	test('markdown and JSON carry the ODbL licence too; an unknown format is a 400', async () => {
		const { download, server } = await board();
		expect((await download('md')).body).toContain('[Open Database License 1.0 (ODbL)](https://opendatacommons.org/licenses/odbl/1-0/)');
		expect((await download('json')).json().licence).toEqual({ id: 'odbl-1.0', name: 'Open Database License 1.0 (ODbL)', url: 'https://opendatacommons.org/licenses/odbl/1-0/' });
		const bad = await server.app.inject({ url: `/api/boards/${server.board.id}/export?format=pdf`, headers: { authorization: `Bearer ${server.token('organiser')}` } });
		expect(bad.statusCode).toBe(400);
		expect(bad.json().error.code).toBeTruthy();
	});
});

describe('open-data exports of an event', () => {
	test('an event data package holds every workshop, under the event licence', async () => {
		const { app } = (await startServer());
		const created = (await app.inject({ method: 'POST', url: '/api/events', payload: { title: 'Rencontres 2026', licence: 'etalab-2.0' } })).json();
		const auth = { authorization: `Bearer ${new URL(created.links.organiser, 'http://x').searchParams.get('token')}` };
		for (const title of ['Atelier A', 'Atelier B']) {
			expect((await app.inject({ method: 'POST', url: `/api/events/${created.id}/boards`, headers: auth, payload: { title } })).statusCode).toBe(201);
		}
		const res = await app.inject({ url: `/api/events/${created.id}/export?format=datapackage`, headers: auth });
		const files = unzipSync(new Uint8Array(res.rawPayload));
		const descriptor = JSON.parse(strFromU8(files['datapackage.json']));
		expect(descriptorErrors(descriptor)).toEqual([]);
		expect(descriptor).toMatchObject({ name: 'rencontres-2026', title: 'Rencontres 2026', licenses: [{ name: 'etalab-2.0' }] });
		const axes = checkTable(strFromU8(files['axes.csv']), descriptor.resources[1].schema);
		expect(new Set(axes.map((a) => a.board))).toEqual(new Set(['Atelier A', 'Atelier B']));
	});
});
