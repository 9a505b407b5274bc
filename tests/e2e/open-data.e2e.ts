/**
 * Issue 14 in a browser: the organiser downloads every open-data format from
 * the organiser's page; the accessibility statement and the legal notice are
 * reachable from every page's foot and pass axe.
 */
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { expectNoSeriousViolations } from './a11y-helpers';
import { addNote, createBoard, joinAs, openAs } from './helpers';
import { waitForStored } from './outcomes-helpers';

test('the organiser downloads the data package, ODS, XLSX and Decidim files, each explained', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier données');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	await addNote(alice, 'Données', 'Publier les horaires en données ouvertes 📊');
	await waitForStored(page, board.id, board.links.organiser, 'Publier les horaires en données ouvertes 📊');

	const admin = await openAs(browser, board.links.organiser);
	await admin.getByLabel('Licence', { exact: true }).selectOption('odbl-1.0');
	// Alice wrote under « non publié »: publishing is asked first.
	await admin.getByRole('button', { name: 'Publier quand même' }).click();
	await expect(admin.getByRole('status').filter({ hasText: 'Licence enregistrée' })).toBeVisible();
	await expect(admin.getByRole('option', { name: /Open Database License 1\.0 \(ODbL\) — sans homologation/ })).toBeAttached();
	await expect(admin.getByRole('option', { name: /CC0 1\.0 .* — homologation requise pour une administration/ })).toBeAttached();

	const exports = admin.getByRole('region', { name: 'Exporter les résultats' });
	const files: Record<string, Buffer> = {};
	for (const [button, hint, name] of [
		['Data package (portail open data)', /data\.gouv\.fr/, /\.zip$/],
		['ODS (LibreOffice, administrations)', /OpenDocument/, /\.ods$/],
		['XLSX (Excel)', /Excel/, /\.xlsx$/],
		['Decidim (propositions)', /Propositions de Decidim/, /\.decidim\.json$/]
	] as const) {
		const control = exports.getByRole('button', { name: button });
		await expect(control).toHaveAccessibleDescription(hint);
		const [file] = await Promise.all([admin.waitForEvent('download'), control.click()]);
		expect(file.suggestedFilename()).toMatch(name);
		files[button] = await readFile((await file.path())!);
	}
	const zip = unzipSync(new Uint8Array(files['Data package (portail open data)']));
	expect(JSON.parse(strFromU8(zip['datapackage.json'])).licenses[0]).toMatchObject({ name: 'ODbL-1.0' });
	expect(strFromU8(zip['notes.csv'])).toContain('Publier les horaires en données ouvertes 📊');
	// Both workbooks are zip containers (OpenDocument and Office Open XML).
	for (const book of ['ODS (LibreOffice, administrations)', 'XLSX (Excel)']) expect(files[book].subarray(0, 2).toString()).toBe('PK');
	const proposals = JSON.parse(files['Decidim (propositions)'].toString('utf8'));
	expect(proposals).toEqual([expect.objectContaining({ 'title/fr': 'Publier les horaires en données ouvertes 📊' })]);
	expect(proposals[0]['body/fr']).toContain('Open Database License');
	// Anonymous by default: nobody's pseudonym, and never who voted.
	expect(strFromU8(zip['notes.csv'])).not.toContain('Participant 1');
});

test('the accessibility statement and the legal notice, linked from every page, pass axe', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier public');
	for (const link of ['/', board.links.organiser, board.links.facilitator]) {
		const visitor = await openAs(browser, link);
		await expect(visitor.getByRole('navigation', { name: 'Informations sur le site' }).getByRole('link', { name: 'Accessibilité : non conforme' })).toBeVisible();
		await visitor.context().close();
	}
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const foot = alice.getByRole('navigation', { name: 'Informations sur le site' });
	await foot.getByRole('link', { name: 'Accessibilité : non conforme' }).click();
	await expect(alice.getByRole('heading', { level: 1 })).toHaveText("Déclaration d'accessibilité");
	await expect(alice.getByText(/est non conforme avec le RGAA 4\.1.*aucun audit/)).toBeVisible();
	for (const heading of ['État de conformité', 'Contenus non accessibles', 'Établissement de cette déclaration', "Retour d'information et contact", 'Voies de recours']) {
		await expect(alice.getByRole('heading', { level: 2, name: heading })).toBeVisible();
	}
	await expect(alice.getByRole('link', { name: /Défenseur des droits \(formulaire en ligne\)/ })).toBeVisible();
	await expectNoSeriousViolations(alice, 'accessibility statement');

	await alice.getByRole('navigation', { name: 'Informations sur le site' }).getByRole('link', { name: 'Mentions légales' }).click();
	await expect(alice.getByRole('heading', { level: 1 })).toHaveText('Mentions légales');
	await expect(alice.getByRole('heading', { level: 2, name: 'Hébergement' })).toBeVisible();
	await expect(alice.getByText("non renseigné par l'hébergeur de cette instance").first()).toBeVisible();
	await expectNoSeriousViolations(alice, 'legal notice');
});
