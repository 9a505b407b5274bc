import { expect, test } from '@playwright/test';
import { addNote, createBoard, joinAs, openAs } from './helpers';
import { download, tokenOf, waitForStored } from './outcomes-helpers';

test('an organiser renames the board and exports it as Markdown, CSV and JSON, anonymous unless asked', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier Lieux');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const text = 'Tiers-lieux, « ouverts » le soir';
	await addNote(alice, 'Lieux', text);
	await waitForStored(page, board.id, board.links.organiser, text);

	const admin = await openAs(browser, board.links.organiser);
	// The rename goes through the API: the participant's page follows live, the stored title too.
	const title = admin.getByRole('textbox', { name: 'Titre du tableau', exact: true });
	await expect(title).toHaveValue('Atelier Lieux');
	await title.fill('Atelier Lieux, Lyon');
	await admin.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(admin.getByRole('status').filter({ hasText: 'Enregistré' })).toBeVisible();
	await expect(alice.getByRole('heading', { level: 1 })).toHaveText('Atelier Lieux, Lyon');
	const info = await page.request.get(`/api/boards/${board.id}`, { headers: { authorization: `Bearer ${tokenOf(board.links.organiser)}` } });
	expect((await info.json()).title).toBe('Atelier Lieux, Lyon');

	const exports = admin.getByRole('region', { name: 'Exporter les résultats' });
	await expect(exports.getByRole('checkbox', { name: /Inclure les pseudonymes/ })).not.toBeChecked();

	const md = await download(admin, 'Markdown (compte rendu)');
	expect(md.name).toMatch(/^atelier-lieux-lyon-\d{4}-\d{2}-\d{2}\.md$/);
	expect(md.text).toContain('# Atelier Lieux, Lyon');
	expect(md.text).toContain(text);
	expect(md.text).not.toContain('Participant 1');

	const csv = await download(admin, 'CSV (tableur)');
	expect(csv.name).toMatch(/\.csv$/);
	// Downloaded from a French page: the header row is in French (the API without `lang` keeps English identifiers).
	expect(csv.text.startsWith('\uFEFFatelier,axe,groupe,texte,votes,créée le,auteur,votes à main levée,au nom de la salle\r\n')).toBe(true);
	// Commas and quotes in a note are quoted, not split into columns.
	expect(csv.text).toContain(`"${text}"`);

	await exports.getByRole('checkbox', { name: /Inclure les pseudonymes/ }).check();
	const json = await download(admin, 'JSON (données ouvertes)');
	const outcome = JSON.parse(json.text);
	expect(outcome.version).toBe(1);
	expect(outcome.boards[0].notes).toEqual([expect.objectContaining({ text, axisId: 'lieux', author: 'Participant 1' })]);
	await expect(exports.getByRole('status')).toHaveText(/Fichier enregistré\s: atelier-lieux-lyon-.*\.json/);
});

test('a facilitator exports the board from the console', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier Communs');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	await addNote(alice, 'Communs', 'Un wiki partagé entre médiathèques');
	await waitForStored(page, board.id, board.links.organiser, 'Un wiki partagé entre médiathèques');

	const facilitator = await openAs(browser, board.links.facilitator);
	await facilitator.getByText('Exporter les résultats').click();
	const md = await download(facilitator, 'Markdown (compte rendu)');
	expect(md.text).toContain('Un wiki partagé entre médiathèques');
	await expect(facilitator.getByRole('link', { name: 'Compte rendu imprimable (PDF)' })).toHaveAttribute('href', /\/report\?token=/);
});
