/**
 * Every page runs under its strict Content-Security-Policy (svelte.config.js):
 * the browser reports no violation, pages hydrate, the same-origin websocket
 * connects, and `style:` attributes (note colours) still apply.
 */
import { expect, test, type Browser } from '@playwright/test';
import { addNote, createBoard } from './helpers';

/** Like openAs, but listening before the page loads: Chromium logs every CSP violation to the console. */
async function openWatched(browser: Browser, url: string, viewport = { width: 1280, height: 800 }) {
	const context = await browser.newContext({ locale: 'fr-FR', viewport });
	const page = await context.newPage();
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	await page.goto(url);
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	return { page, violations };
}

test('pages run under the CSP: no violation, live sync over the websocket, note colours applied', async ({ browser, page }) => {
	const home = await page.goto('/');
	const policy = home!.headers()['content-security-policy'];
	expect(policy).toContain("script-src 'self' 'sha256-");
	expect(policy).toContain("frame-ancestors 'none'");
	expect(policy).not.toMatch(/https?:\/\//); // no third-party source

	const board = await createBoard(page, 'Atelier CSP');
	const visitor = await openWatched(browser, '/');
	const alice = await openWatched(browser, `/j/${board.joinCode}`);
	await alice.page.getByLabel('Votre prénom ou un pseudo').fill('Alice');
	await alice.page.getByRole('button', { name: "Entrer dans l'atelier" }).click();
	await expect(alice.page.getByRole('status', { name: 'État de la connexion' })).toHaveText(/En ligne/);
	const screen = await openWatched(browser, board.links.projector, { width: 1920, height: 1080 });
	const facilitator = await openWatched(browser, board.links.facilitator);
	const admin = await openWatched(browser, board.links.organiser);

	await addNote(alice.page, 'Lieux', 'Sous CSP');
	await expect(screen.page.getByText('Sous CSP')).toBeVisible();
	const noteColour = await alice.page
		.getByRole('article')
		.first()
		.evaluate((el) => getComputedStyle(el).getPropertyValue('--note').trim());
	expect(noteColour).not.toBe('');
	await expect(admin.page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(facilitator.page.getByRole('heading', { level: 1 })).toBeVisible();

	for (const { violations } of [visitor, alice, screen, facilitator, admin]) expect(violations).toEqual([]);
});
