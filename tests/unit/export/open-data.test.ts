/**
 * The open-data exporters on the fixture board: the data package's
 * descriptor is valid against the published Frictionless schemas and every
 * CSV cell is the note as written; the workbook's sheets; the Decidim file's
 * keys; each carries the licence and leaves out the hidden note.
 */
import { describe, expect, test } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { snapshotOutcome } from '../../../src/lib/export/snapshot';
import { dataPackageDescriptor, toDataPackage } from '../../../src/lib/export/datapackage';
import { toWorkbook } from '../../../src/lib/export/spreadsheet';
import { DECIDIM_TITLE_MAX, decidimProposals } from '../../../src/lib/export/decidim';
import type { Outcome } from '../../../src/lib/export/types';
import { checkTable, descriptorErrors } from '../../helpers/frictionless';
import { FIXED_NOW, fixtureBoard } from './fixture';

function outcome(licence: 'odbl-1.0' | 'unpublished' = 'odbl-1.0', includeAuthors = false): Outcome {
	return snapshotOutcome({ boards: [{ ...fixtureBoard(), licence }] }, { now: FIXED_NOW, includeAuthors });
}

describe('data package', () => {
	test('the zip holds a valid descriptor and CSVs whose every row fits its Table Schema', () => {
		const out = outcome();
		const files = unzipSync(toDataPackage(out, { origin: 'https://trame.example.org' }));
		expect(Object.keys(files).sort()).toEqual(['axes.csv', 'datapackage.json', 'groups.csv', 'notes.csv']);
		const descriptor = JSON.parse(strFromU8(files['datapackage.json']));
		expect(descriptorErrors(descriptor)).toEqual([]);
		expect(descriptor).toMatchObject({
			profile: 'tabular-data-package',
			name: 'atelier-donnees-lieux-communs',
			title: 'Atelier « Données, lieux & communs »',
			licenses: [{ name: 'ODbL-1.0', path: 'https://opendatacommons.org/licenses/odbl/1-0/', title: 'Open Database License 1.0 (ODbL)' }],
			created: '2026-11-26T10:00:00Z',
			sources: [{ title: 'Trame', path: 'https://trame.example.org' }]
		});
		for (const resource of descriptor.resources) {
			expect(resource.schema.fields.every((f: { description?: string }) => f.description)).toBe(true);
			checkTable(strFromU8(files[resource.path]), resource.schema);
		}
		const notes = checkTable(strFromU8(files['notes.csv']), descriptor.resources[0].schema);
		// Every visible note, its text exactly as written (line breaks, emoji, quotes, a formula look-alike).
		expect(new Map(notes.map((n) => [n.note_id, n.text]))).toEqual(new Map(out.boards[0].notes.map((n) => [n.id, n.text])));
		expect(notes.find((n) => n.note_id === 'n07')?.text).toBe('=SOMME(A1:A3)');
		expect(notes.map((n) => n.text)).not.toContain('Note masquée par la modération');
		expect(notes.find((n) => n.note_id === 'n02')).toMatchObject({ axis: 'Lieux', group: 'Horaires et rendez-vous', votes: '3', rank: '1', author: '' });
		expect(notes.find((n) => n.note_id === 'n10')).toMatchObject({ room: 'true', room_votes: '6', votes: '7' });
		const axes = checkTable(strFromU8(files['axes.csv']), descriptor.resources[1].schema);
		expect(axes.find((a) => a.axis_id === 'lieux')?.synthesis).toBe('Des lieux ouverts plus souvent,\net des rendez-vous réguliers.');
		const groups = checkTable(strFromU8(files['groups.csv']), descriptor.resources[2].schema);
		expect(groups).toEqual([expect.objectContaining({ group_id: 'g1', axis_id: 'lieux', notes: '2', votes: '5' })]);
	});

	test('the published schemas refuse a broken descriptor (so the check can fail)', () => {
		const descriptor = dataPackageDescriptor(outcome());
		expect(descriptorErrors({ ...descriptor, name: 'Pas Un Nom!' })).not.toEqual([]);
		const broken = structuredClone(descriptor);
		(broken.resources[0].schema.fields[0] as { type: string }).type = 'texte';
		expect(descriptorErrors(broken)).not.toEqual([]);
	});

	test('unpublished outcomes say so in the licence; authors only when asked', () => {
		expect(dataPackageDescriptor(outcome('unpublished')).licenses).toEqual([{ name: 'other-closed', title: 'Non publié (usage interne de l’organisateur)' }]);
		const files = unzipSync(toDataPackage(outcome('odbl-1.0', true)));
		expect(strFromU8(files['notes.csv'])).toContain('Participant 1');
		expect(strFromU8(unzipSync(toDataPackage(outcome()))['notes.csv'])).not.toContain('Participant');
	});
});

describe('workbook', () => {
	test('an about sheet, one sheet per axis with ranked notes, and the syntheses', () => {
		const book = toWorkbook(outcome());
		expect(book.SheetNames).toEqual(['À propos', 'Lieux', 'Données', 'Communs', 'Synthèses']);
		const rows = (name: string) => XLSX.utils.sheet_to_json<(string | number)[]>(book.Sheets[name], { header: 1 });
		const about = rows('À propos').map((r) => r.join(' | '));
		expect(about).toContain('Licence | Open Database License 1.0 (ODbL)');
		expect(about).toContain('Atelier | Atelier « Données, lieux & communs »');
		expect(about.some((r) => r.startsWith('Une feuille par axe | Mains levées |'))).toBe(true);
		expect(rows('Lieux')).toEqual([
			['Rang', 'Note', 'Votes', 'Mains levées', 'Groupe', 'Au nom de la salle', 'Écrite le'],
			[1, 'Un "café numérique" chaque mois', 3, 0, 'Horaires et rendez-vous', '', '2026-11-25T08:31:00.000Z'],
			[2, 'Ouvrir la médiathèque le dimanche, avec des bénévoles', 2, 0, 'Horaires et rendez-vous', '', '2026-11-25T08:30:00.000Z'],
			[3, 'Première ligne\nDeuxième ligne, avec virgule\n\n- pas une liste', 0, 0, '', '', '2026-11-25T08:32:00.000Z']
		]);
		// A formula look-alike is a string cell, never a formula.
		const formula = Object.values(book.Sheets['Données']).find((c) => (c as XLSX.CellObject).v === '=SOMME(A1:A3)') as XLSX.CellObject;
		expect(formula).toMatchObject({ t: 's' });
		expect(formula.f).toBeUndefined();
		expect(rows('Communs').flat()).not.toContain('Note masquée par la modération');
		expect(rows('Synthèses')[1]).toEqual(['Atelier « Données, lieux & communs »', 'Lieux', 'Des lieux ouverts plus souvent,\net des rendez-vous réguliers.', '']);
	});
});

describe('Decidim', () => {
	test('one proposal per visible note with title/fr and body/fr, or one per group', () => {
		const proposals = decidimProposals(outcome());
		expect(proposals).toHaveLength(9);
		for (const p of proposals) {
			expect(Object.keys(p)).toEqual(['title/fr', 'body/fr']);
			expect(p['title/fr'].length).toBeGreaterThan(0);
			expect(p['title/fr'].length).toBeLessThanOrEqual(DECIDIM_TITLE_MAX);
			expect(p['body/fr']).toContain('Licence\u00a0: Open Database License 1.0 (ODbL) (https://opendatacommons.org/licenses/odbl/1-0/)');
		}
		expect(proposals.map((p) => p['title/fr'])).toContain('Première ligne');
		expect(proposals.some((p) => p['body/fr'].includes('Note masquée'))).toBe(false);
		const groups = decidimProposals(outcome(), { by: 'group' });
		expect(groups).toHaveLength(1);
		expect(groups[0]['title/fr']).toBe('Horaires et rendez-vous');
		expect(groups[0]['body/fr']).toMatch(/^- Un "café numérique" chaque mois \(3 votes\)\n- Ouvrir la médiathèque/);
	});
});
