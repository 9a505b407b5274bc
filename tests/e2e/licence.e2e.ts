import { expect, test } from '@playwright/test';
import { createBoard, openAs } from './helpers';

test('participants see the outcomes\' licence before they write, and under the board', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier Communs');

	const before = await openAs(browser, board.links.participant);
	await expect(before.getByText('Les résultats de cet atelier ne seront pas publiés')).toBeVisible();

	const admin = await openAs(browser, board.links.organiser);
	await admin.getByLabel('Licence', { exact: true }).selectOption('cc-by-sa-4.0');
	await expect(admin.getByRole('status').filter({ hasText: 'Licence enregistrée' })).toBeVisible();

	const alice = await openAs(browser, board.links.participant);
	const picker = alice.getByRole('form', { name: 'Comment voulez-vous apparaître ?' });
	await expect(picker.getByText('Ce que vous écrivez ici sera publié en données ouvertes, sous licence')).toBeVisible();
	await expect(picker.getByRole('link', { name: /CC BY-SA 4.0/ })).toHaveAttribute('href', 'https://creativecommons.org/licenses/by-sa/4.0/');
	await alice.getByLabel('Votre prénom ou un pseudo').fill('Alice');
	await alice.getByRole('button', { name: "Entrer dans l'atelier" }).click();
	const footer = alice.getByRole('contentinfo');
	await expect(footer.getByRole('link', { name: /CC BY-SA 4.0/ })).toBeVisible();
	await footer.getByRole('link', { name: 'Vie privée' }).click();
	await expect(alice.getByRole('heading', { level: 1 })).toHaveText(/ce que Trame enregistre/);
});
