import { expect, test } from '@playwright/test';
import { createBoard, openAs } from './helpers';

test('wrong links get a clear page, never a console they cannot use', async ({ browser, page }) => {
	const board = await createBoard(page);
	const participantToken = new URL(board.links.participant, 'http://x').searchParams.get('token');

	const unknown = await openAs(browser, '/b/nope-nope/?token=abc');
	await expect(unknown.getByText("Cette page ou ce tableau n'existe pas (ou plus).")).toBeVisible();

	const badToken = await openAs(browser, `/b/${board.id}?token=not-the-token`);
	await expect(badToken.getByRole('heading', { name: /401/ })).toBeVisible();
	await expect(badToken.getByText(/Ce lien n'est pas valide/)).toBeVisible();

	const tooWeak = await openAs(browser, `/b/${board.id}/facilitate?token=${participantToken}`);
	await expect(tooWeak.getByRole('heading', { name: /403/ })).toBeVisible();
	await expect(tooWeak.getByRole('button', { name: /Ajouter une note/ })).toHaveCount(0);

	const response = await page.request.get(`/b/${board.id}/admin?token=${participantToken}`);
	expect(response.status()).toBe(403);

	const badCode = await openAs(browser, '/j/ZZZZZZ');
	await expect(badCode.getByText("Aucun atelier n'a ce code. Vérifiez-le auprès de l'animation.")).toBeVisible();
});
