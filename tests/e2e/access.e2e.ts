import { expect, test } from '@playwright/test';
import { createBoard, joinAs, openAs } from './helpers';

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
	// The error sits on the join form, with what was typed kept to correct it.
	await expect(badCode.getByLabel('Code à 6 caractères')).toHaveValue('ZZZZZZ');
	await badCode.getByLabel('Code à 6 caractères').fill(board.joinCode);
	await badCode.getByRole('button', { name: 'Rejoindre' }).click();
	await expect(badCode.getByLabel('Votre prénom ou un pseudo')).toBeVisible();
});

test('an organiser replaces a leaked participant link: the old one stops at once, the new one works', async ({ browser, page }) => {
	const board = await createBoard(page, 'Lien à remplacer');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const admin = await openAs(browser, board.links.organiser);
	await admin.getByRole('button', { name: 'Nouveau lien Participants' }).click();
	// It disconnects the room: asked first.
	await expect(admin.getByRole('alert').filter({ hasText: 'seront déconnectées' })).toBeVisible();
	await admin.getByRole('button', { name: 'Oui, remplacer le lien Participants' }).click();
	const fresh = await admin.getByRole('textbox', { name: 'Nouveau lien Participants' }).inputValue();
	expect(fresh).not.toContain(new URL(board.links.participant, 'http://x').searchParams.get('token')!);

	await expect(alice.getByText('Ce lien n\'est plus valide (tableau supprimé ou lien remplacé).')).toBeVisible();
	// Not « Recharger » (the old link answers 401): the way back is the new code.
	await expect(alice.getByRole('button', { name: 'Recharger' })).toHaveCount(0);
	await alice.getByRole('link', { name: 'Saisir le nouveau code' }).click();
	await expect(alice.getByRole('heading', { name: 'Rejoindre un atelier' })).toBeVisible();
	const again = await openAs(browser, board.links.participant);
	await expect(again.getByRole('heading', { name: /401/ })).toBeVisible();
	const bob = await joinAs(browser, fresh, 'Bob');
	await expect(bob.getByRole('button', { name: 'Ajouter une note dans Lieux' })).toBeVisible();
});
