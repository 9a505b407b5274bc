/**
 * A workshop in tables (issue 13): the facilitator splits it into three
 * tables, three participants join one table each by its code, the console
 * and the projector show the plenary per axis, grouped by table, live; one
 * command moves every table to the next phase.
 */
import { expect, test } from '@playwright/test';
import { addNote, createBoard, openAs } from './helpers';
import { expectNoSeriousViolations } from './a11y-helpers';

const SHOTS = process.env.TRAME_SHOTS_DIR;

test('three tables, three participants, one plenary on the projector', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier NEC');
	const facilitator = await openAs(browser, board.links.facilitator);
	const screen = await openAs(browser, board.links.projector, { width: 1920, height: 1080 });
	const tablesPanel = facilitator.getByRole('region', { name: 'Tables', exact: true });

	await tablesPanel.getByLabel('Nombre de tables (2 à 30)').fill('3');
	await tablesPanel.getByRole('button', { name: 'Répartir en tables' }).click();
	const reporters = tablesPanel.getByRole('region', { name: 'Liens des rapporteurs de table' });
	await expect(reporters.getByRole('textbox')).toHaveCount(3);
	const codes: string[] = [];
	for (const n of [1, 2, 3]) codes.push((await tablesPanel.getByLabel(`Code de la table ${n}`).textContent())!.trim());
	expect(new Set(codes).size).toBe(3);

	// Each participant joins their table with its code; each table has the workshop's axes.
	const people = ['Alice', 'Bruno', 'Chloé'];
	const phones = [];
	for (const [i, name] of people.entries()) {
		const phone = await openAs(browser, `/j/${codes[i]}`, { width: 390, height: 844 });
		await phone.getByLabel('Votre prénom ou un pseudo').fill(name);
		await phone.getByRole('button', { name: "Entrer dans l'atelier" }).click();
		await expect(phone.getByRole('heading', { level: 1 })).toHaveText(`Atelier NEC — Table ${i + 1}`);
		phones.push(phone);
	}
	await addNote(phones[0], 'Lieux', 'Une médiathèque ouverte le soir');
	await addNote(phones[1], 'Lieux', 'Un fablab dans chaque quartier');
	await addNote(phones[2], 'Données', 'Un registre des données locales');

	// The plenary merges the tables per axis, grouped by table, with counts, live.
	const lieux = screen.getByRole('region', { name: 'Lieux', exact: true });
	await expect(lieux.getByText('2 notes, 3 tables')).toBeVisible();
	await expect(lieux.getByRole('region', { name: 'Table 1 (1)' })).toContainText('Une médiathèque ouverte le soir');
	await expect(lieux.getByRole('region', { name: 'Table 2 (1)' })).toContainText('Un fablab dans chaque quartier');
	await expect(lieux.getByRole('region', { name: 'Table 3 (0)' })).toBeVisible();
	await expect(screen.getByRole('region', { name: 'Données', exact: true }).getByRole('region', { name: 'Table 3 (1)' })).toContainText('Un registre des données locales');
	await expect(facilitator.getByRole('region', { name: 'Lieux', exact: true }).getByText('2 notes, 3 tables')).toBeVisible();
	if (SHOTS) await screen.screenshot({ path: `${SHOTS}/screen-plenary.png` });
	await expectNoSeriousViolations(screen, 'the plenary on the projector');
	await expectNoSeriousViolations(facilitator, 'the console with three tables');

	// One command drives every table: the console moves the workshop, the tables follow.
	await facilitator.getByRole('button', { name: 'Passer à : Regroupement' }).click();
	for (const phone of phones) await expect(phone.getByText('Phase : Regroupement', { exact: false }).first()).toBeVisible();
	if (SHOTS) await facilitator.screenshot({ path: `${SHOTS}/console-tables.png`, fullPage: true });
	// Timed together: starting the run starts the same step, with the same countdown, at every table.
	await facilitator.getByRole('region', { name: 'Déroulé' }).getByRole('button', { name: 'Lancer le déroulé' }).click();
	for (const phone of phones) {
		await expect(phone.getByText("Chacun écrit ses idées, une par note, sous l'axe qui lui parle.")).toBeVisible();
		await expect(phone.getByRole('timer').first()).toHaveText(/1[45]:\d\d/);
	}
	// « Everyone has finished » counts the people at every table.
	const agenda = facilitator.getByRole('region', { name: 'Déroulé' });
	for (const phone of phones.slice(0, 2)) await phone.getByRole('button', { name: "J'ai fini" }).click();
	await expect(phones[1].getByRole('button', { name: "J'ai fini", pressed: true })).toBeVisible();
	await expect(agenda.getByText('Tout le monde a fini.', { exact: false })).toHaveCount(0);
	await phones[2].getByRole('button', { name: "J'ai fini" }).click();
	await expect(agenda.getByText("Tout le monde a fini. Passer à l'étape suivante ?")).toBeVisible();

	// The workshop's synthesis cites a note written at table 2; the projector shows it.
	await facilitator.getByRole('button', { name: '4. Synthèse' }).click();
	await expect(phones[0].getByText('Phase : Synthèse', { exact: false }).first()).toBeVisible();
	const cite = facilitator.getByLabel('Citer une note de Lieux');
	const option = cite.locator('optgroup[label="Table 2"] option');
	await cite.selectOption((await option.getAttribute('value'))!);
	const code = (await option.textContent())!.split(' ')[0];
	const cited = lieux.getByRole('list', { name: 'Notes citées' });
	await expect(cited).toContainText(code);
	await expect(cited).toContainText('Un fablab dans chaque quartier');

	// The printable report of the workshop: per axis, each table's notes.
	const report = await openAs(browser, `/b/${board.id}/report?token=${new URL(board.links.facilitator, 'http://x').searchParams.get('token')}`);
	const lieuxReport = report.locator('section.axis', { has: report.getByRole('heading', { level: 2, name: 'Lieux' }) });
	const underTable = (n: number) => lieuxReport.getByRole('heading', { level: 3, name: `Table ${n}` }).locator('xpath=following-sibling::*[1]');
	await expect(underTable(2)).toContainText('Un fablab dans chaque quartier');
	await expect(underTable(1)).toContainText('Une médiathèque ouverte le soir');
	await expect(underTable(3)).toHaveText('Aucune note.');
	await report.close();

	// A table reporter runs their own table only.
	const reporter = await openAs(browser, await reporters.getByRole('textbox', { name: 'Rapporteur de la table 2' }).inputValue());
	await reporter.getByRole('button', { name: '3. Vote' }).click();
	await expect(phones[1].getByText('Phase : Vote', { exact: false }).first()).toBeVisible();
	await expect(phones[0].getByText('Phase : Synthèse', { exact: false }).first()).toBeVisible();
});
