import { expect, test, type BrowserContext } from '@playwright/test';
import { addNote, noteTexts, openAs } from './helpers';

test('a whole session sends no request to any other host', async ({ browser, baseURL }) => {
	const origin = new URL(baseURL!).origin;
	const wsOrigin = origin.replace(/^http/, 'ws');
	const requests: string[] = [];
	const record = (context: BrowserContext) => {
		context.on('request', (request) => requests.push(request.url()));
		context.on('page', (page) => page.on('websocket', (ws) => requests.push(ws.url())));
	};

	const homeContext = await browser.newContext({ locale: 'fr-FR' });
	record(homeContext);
	const home = await homeContext.newPage();
	await home.goto('/');
	await home.getByLabel("Titre de l'atelier").fill('Atelier sans traceur');
	await home.getByRole('button', { name: 'Créer le tableau' }).click();
	await expect(home.getByRole('img', { name: 'QR code qui ouvre le tableau pour participer' })).toBeVisible();
	const participantLink = await home.getByRole('textbox', { name: 'Participants', exact: true }).inputValue();
	const projectorLink = await home.getByRole('textbox', { name: 'Vidéoprojecteur', exact: true }).inputValue();

	const phoneContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
	record(phoneContext);
	const phone = await phoneContext.newPage();
	await phone.goto(participantLink);
	await phone.getByLabel('Votre prénom ou un pseudo').fill('Nadia');
	await phone.getByRole('button', { name: "Entrer dans l'atelier" }).click();
	await addNote(phone, 'Lieux', 'Des ateliers numériques au marché');

	const screenContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1920, height: 1080 } });
	record(screenContext);
	const screen = await screenContext.newPage();
	await screen.goto(projectorLink);
	await expect(screen.getByText('Des ateliers numériques au marché')).toBeVisible();
	await expect.poll(() => noteTexts(phone, 'Lieux')).toEqual(['Des ateliers numériques au marché']);

	await home.getByRole('contentinfo').getByRole('link', { name: 'Vie privée' }).click();
	await expect(home.getByRole('heading', { level: 1 })).toHaveText(/Vie privée/);

	expect(requests.length).toBeGreaterThan(10);
	expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith(`${wsOrigin}/`))).toEqual([]);
	expect(requests.some((url) => url.startsWith(`${wsOrigin}/yjs`))).toBe(true);
	for (const context of [homeContext, phoneContext, screenContext]) await context.close();
});

test('the privacy page says what is stored, in French and in English', async ({ browser }) => {
	const page = await openAs(browser, '/confidentialite');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vie privée : ce que Trame enregistre, et combien de temps');
	await expect(page.getByRole('heading', { name: "Ce qui n'est pas enregistré" })).toBeVisible();
	await expect(page.getByText(/anonymes par défaut/)).toBeVisible();
	await page.getByRole('link', { name: /English/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy: what Trame stores, and for how long');
	await expect(page.getByText(/anonymous by default/)).toBeVisible();
});
