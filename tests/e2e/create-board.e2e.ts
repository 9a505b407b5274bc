import { expect, test } from '@playwright/test';
import { openAs } from './helpers';

test('an organiser creates a board, gets its four links, and a participant joins with the code', async ({ browser }) => {
	const home = await openAs(browser, '/');
	await expect(home.locator('html')).toHaveAttribute('lang', 'fr');
	await home.getByLabel("Titre de l'atelier").fill('Atelier Communs, Lyon');
	await home.getByLabel(/Numérique en commun\(s\)/).check();
	await home.getByRole('button', { name: 'Créer le tableau' }).click();

	await expect(home.getByRole('heading', { name: 'Votre tableau « Atelier Communs, Lyon » est prêt' })).toBeVisible();
	for (const role of ['Organisation', 'Animation', 'Participants', 'Vidéoprojecteur']) {
		await expect(home.getByRole('textbox', { name: role, exact: true })).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/b\/\w+.*token=/);
		await expect(home.getByRole('listitem').getByRole('button', { name: `Copier le lien ${role}` })).toBeVisible();
	}
	await expect(home.getByRole('img', { name: 'QR code qui ouvre le tableau pour participer' }).locator('svg')).toBeVisible();
	const code = (await home.locator('.code').first().textContent())!.trim();
	expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);

	// Someone types the code read aloud (lower case, with a space) on the home page.
	const phone = await openAs(browser, '/', { width: 390, height: 844 });
	await phone.getByLabel('Code à 6 caractères').fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
	await phone.getByRole('button', { name: 'Rejoindre' }).click();
	await phone.getByLabel('Votre prénom ou un pseudo').fill('Nadia');
	await phone.getByRole('button', { name: "Entrer dans l'atelier" }).click();
	// On a phone, one axis at a time: a tab per axis.
	for (const axis of ['Lieux', 'Données', 'Communs']) {
		await phone.getByRole('navigation', { name: 'Axes' }).getByRole('button', { name: new RegExp(`^${axis}`) }).click();
		await expect(phone.getByRole('heading', { name: new RegExp(`^${axis}`) })).toBeVisible();
	}
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Atelier Communs, Lyon');
});

test('the home page switches to English and back', async ({ browser }) => {
	const page = await openAs(browser, '/');
	await page.getByRole('link', { name: /English/ }).click();
	await expect(page.getByRole('heading', { name: 'Create a board' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('link', { name: /Français/ }).click();
	await expect(page.getByRole('heading', { name: 'Créer un tableau' })).toBeVisible();
});

test('a blank board starts with one "Idées" column', async ({ browser }) => {
	const home = await openAs(browser, '/');
	await home.getByLabel("Titre de l'atelier").fill('Remue-méninges');
	await home.getByLabel(/Tableau vide/).check();
	await home.getByRole('button', { name: 'Créer le tableau' }).click();
	const link = await home.getByRole('textbox', { name: 'Animation', exact: true }).inputValue();
	const facilitator = await openAs(browser, link);
	await expect(facilitator.getByRole('heading', { level: 2, name: /^Idées/ })).toBeVisible();
	await expect(facilitator.getByRole('button', { name: /Ajouter une note dans/ })).toHaveCount(1);
});
