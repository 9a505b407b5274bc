import { expect, test, type Page } from '@playwright/test';
import { addNote, column, createBoard, joinAs, noteTexts, openAs } from './helpers';

/** The countdown as seconds, read from a page's timer ("04:58" → 298). */
async function secondsLeft(page: Page): Promise<number> {
	const text = (await page.getByRole('timer').first().textContent()) ?? '';
	const [, mm, ss] = text.match(/(\d\d):(\d\d)/) ?? [];
	return Number(mm) * 60 + Number(ss);
}

test('a facilitator runs a whole session, from private collect to a closed board', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier complet');
	const facilitator = await openAs(browser, board.links.facilitator);
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const bob = await joinAs(browser, board.links.participant, 'Bob');
	const screen = await openAs(browser, board.links.projector, { width: 1920, height: 1080 });
	await expect(screen.getByText('Phase : Collecte', { exact: true })).toBeVisible();

	// Private writing: Alice's note stays on her page only until the reveal.
	await facilitator.getByLabel(/Écriture privée/).check();
	await expect(alice.getByText(/ne les verront qu'au moment de la révélation/)).toBeVisible();
	await addNote(alice, 'Lieux', 'Idée secrète de Alice');
	await expect(column(alice, 'Lieux').getByText("Privée jusqu'à la révélation")).toBeVisible();
	await expect(facilitator.getByText('Notes en attente de révélation : 1')).toBeVisible();
	await expect(screen.getByText('Notes en attente de révélation : 1')).toBeVisible();
	expect(await bob.content()).not.toContain('Idée secrète');
	expect(await screen.content()).not.toContain('Idée secrète');
	await facilitator.getByRole('button', { name: 'Révéler toutes les notes' }).click();
	await expect.poll(() => noteTexts(bob, 'Lieux')).toEqual(['Idée secrète de Alice']);
	await expect(screen.getByText('Idée secrète de Alice')).toBeVisible();
	await addNote(bob, 'Lieux', 'Idée publique de Bob');

	// "J'ai fini" is counted for the facilitator.
	await alice.getByRole('button', { name: "J'ai fini" }).click();
	await expect(facilitator.getByText(/^1 \/ 2 ont fini/)).toBeVisible();

	// The shared timer: the same countdown on two screens, from the server's clock.
	await facilitator.getByRole('button', { name: 'Démarrer' }).click();
	await expect(alice.getByRole('timer')).toHaveText(/0[34]:\d\d/);
	const [a, s] = await Promise.all([secondsLeft(alice), secondsLeft(screen)]);
	expect(Math.abs(a - s)).toBeLessThanOrEqual(1);
	await facilitator.getByRole('button', { name: 'Pause' }).click();

	// Lock: participants become read-only (the server refuses their edits too: integration tests).
	await facilitator.getByRole('button', { name: 'Verrouiller le tableau' }).click();
	await expect(bob.getByText(/verrouillé par l'animation/)).toBeVisible();
	await expect(bob.getByRole('button', { name: /Ajouter une note dans/ })).toHaveCount(0);
	await facilitator.getByRole('button', { name: /Déverrouiller le tableau/ }).click();
	await expect(bob.getByRole('button', { name: 'Ajouter une note dans Lieux' })).toBeVisible();

	// Group phase: a participant makes a group and files a note into it.
	await facilitator.getByRole('button', { name: 'Passer à : Regroupement' }).click();
	await expect(alice.getByRole('button', { name: /Ajouter une note dans/ })).toHaveCount(0);
	await alice.getByRole('button', { name: 'Nouveau groupe dans Lieux' }).click();
	await column(alice, 'Lieux').getByRole('textbox', { name: 'Nom du groupe' }).fill('Horaires');
	await column(alice, 'Lieux').getByRole('textbox', { name: 'Nom du groupe' }).press('Enter');
	const aliceNote = column(alice, 'Lieux').locator('article', { has: alice.locator('textarea') }).first();
	await aliceNote.getByLabel('Groupe', { exact: true }).selectOption({ label: 'Horaires' });
	await expect(column(bob, 'Lieux').getByRole('region', { name: 'Horaires' }).getByRole('article')).toHaveCount(1);
	// With the mouse: Bob drags his note onto the group.
	const bobNote = column(bob, 'Lieux').locator('article', { has: bob.getByText('Votre note') });
	await bobNote.locator('[draggable="true"]').dragTo(column(bob, 'Lieux').getByRole('region', { name: 'Horaires' }));
	await expect(column(alice, 'Lieux').getByRole('region', { name: 'Horaires' }).getByRole('article')).toHaveCount(2);

	// Vote: budget of 1 per person; the button is disabled once spent; results rank the notes.
	await facilitator.getByLabel('Votes par personne').fill('1');
	await facilitator.getByRole('button', { name: 'Appliquer' }).click();
	await facilitator.getByRole('button', { name: 'Passer à : Vote' }).click();
	await expect(bob.getByText('Votes restants : 1')).toBeVisible();
	const bobVotes = column(bob, 'Lieux').getByRole('button', { name: /Voter pour cette note/ });
	await bobVotes.first().click();
	await expect(bob.getByText('Votes restants : 0')).toBeVisible();
	for (const button of await bobVotes.all()) await expect(button).toBeDisabled();
	await expect(screen.getByText('1 vote', { exact: true })).toBeVisible();

	// Focus: the projector shows only the focused axis.
	await facilitator.getByLabel("Montrer sur l'écran").selectOption({ label: 'Lieux' });
	await expect(screen.getByRole('heading', { name: /^Données/ })).toHaveCount(0);
	await expect(screen.getByRole('heading', { name: /^Lieux/ })).toBeVisible();
	await facilitator.getByLabel("Montrer sur l'écran").selectOption({ label: 'Tout le tableau' });
	await expect(screen.getByRole('heading', { name: /^Données/ })).toBeVisible();

	// Synthesis: the facilitator writes, the projector shows it.
	await facilitator.getByRole('button', { name: 'Passer à : Synthèse' }).click();
	await facilitator.getByLabel('Synthèse : Lieux').fill('Ouvrir plus tard, avec les habitants.');
	await expect(screen.getByText('Ouvrir plus tard, avec les habitants.')).toBeVisible();
	// A citation links the conclusion to a participant's note, on the projector too.
	const picker = facilitator.getByLabel('Citer une note de Lieux dans la synthèse');
	await picker.selectOption((await picker.locator('option', { hasText: 'Idée secrète de Alice' }).getAttribute('value'))!);
	await expect(facilitator.getByLabel('Synthèse : Lieux')).toHaveValue(/^Ouvrir plus tard, avec les habitants\. #[0-9a-z]{5} $/);
	const cited = screen.getByRole('list', { name: 'Notes citées' });
	await expect(cited).toContainText('Idée secrète de Alice');

	// Closed: read-only for participants.
	await facilitator.getByRole('button', { name: 'Passer à : Terminé' }).click();
	// Asked twice: until confirmed, participants still have the synthesis phase.
	await expect(facilitator.getByRole('alert').filter({ hasText: 'Terminer l’atelier' })).toBeVisible();
	await expect(alice.getByText(/L'atelier est terminé/)).toHaveCount(0);
	await facilitator.getByRole('button', { name: 'Oui, terminer l’atelier' }).click();
	await expect(alice.getByText(/L'atelier est terminé/)).toBeVisible();
	await expect(alice.getByRole('textbox', { name: 'Texte de la note' })).toHaveCount(0);
	await expect(screen.getByText('Phase : Terminé', { exact: true })).toBeVisible();
});
