import { expect, test } from '@playwright/test';
import { setPhase } from './a11y-helpers';
import { column, createBoard, joinAs, openAs } from './helpers';

test('the facilitator writes for the room and records raised hands; everyone sees them apart and summed', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier hybride');
	const facilitator = await openAs(browser, board.links.facilitator);
	const alice = await joinAs(browser, board.links.participant, 'Alice');

	await column(facilitator, 'Communs').getByRole('button', { name: 'Ajouter une note au nom de la salle dans Communs' }).click();
	await facilitator.keyboard.type('Un atelier papier à la bibliothèque');
	const roomNote = column(alice, 'Communs').getByRole('article');
	await expect(roomNote).toContainText('Au nom de la salle');
	await expect(roomNote.getByRole('textbox')).toHaveValue('Un atelier papier à la bibliothèque');

	await setPhase(facilitator, 'Vote');
	await roomNote.getByRole('button', { name: /^Voter/ }).click();
	const hands = column(facilitator, 'Communs').getByRole('spinbutton', { name: 'Mains levées dans la salle' });
	await hands.fill('6');
	await hands.press('Enter');
	await expect(roomNote).toContainText('7 votes');
	await expect(roomNote).toContainText('1 en ligne, 6 à main levée');
	// Participants cannot type raised hands.
	await expect(alice.getByRole('spinbutton', { name: 'Mains levées dans la salle' })).toHaveCount(0);
});

test('first load of the participant page: what a phone downloads', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier léger');
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
	const phone = await context.newPage();
	const sizes: Promise<number>[] = [];
	phone.on('requestfinished', (request) => sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize)));
	await phone.goto(board.links.participant);
	await phone.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	await expect(phone.getByLabel('Votre prénom ou un pseudo')).toBeVisible();
	const total = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
	console.log(`participant page, first load: ${sizes.length} responses, ${Math.round(total / 1024)} KiB`);
	// The budget the README states; the legible font is not part of it (downloaded only when chosen).
	expect(total).toBeLessThan(200 * 1024);
});
