import { expect, test, type Locator, type Page } from '@playwright/test';
import { setPhase } from './a11y-helpers';
import { addNote, createBoard, joinAs, openAs } from './helpers';

/** Presses Tab until `target` has the focus: proof that it is reachable with the keyboard alone. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
	for (let i = 0; i < max; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`not reached with Tab: ${target}`);
}

const announcer = (page: Page) => page.locator('[data-announcer]');

test('with the keyboard alone: join, add a note in Communs, move it to Lieux, vote', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier clavier');
	const facilitator = await openAs(browser, board.links.facilitator);
	const alice = await openAs(browser, board.links.participant);

	await tabTo(alice, alice.getByLabel('Votre prénom ou un pseudo'));
	await alice.keyboard.type('Alice');
	await alice.keyboard.press('Enter');
	await expect(alice.getByRole('status', { name: 'État de la connexion' })).toHaveText(/En ligne/);

	// The outline is the first control after the skip link (on a fresh load).
	await alice.reload();
	await alice.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	await alice.keyboard.press('Tab');
	await expect(alice.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
	await alice.keyboard.press('Tab');
	await expect(alice.getByRole('button', { name: 'Plan (liste)' })).toBeFocused();
	await alice.keyboard.press('Enter');
	const outline = alice.getByRole('region', { name: 'Plan du tableau' });
	await expect(outline).toBeVisible();

	// A new note: its field takes the focus; "n" typed there is text, not a shortcut.
	await tabTo(alice, outline.getByRole('button', { name: 'Ajouter une note dans Communs' }));
	await alice.keyboard.press('Enter');
	await expect(outline.getByRole('textbox', { name: 'Texte de la note' })).toBeFocused();
	await alice.keyboard.type('Un jardin numérique');
	await alice.keyboard.press('Escape');
	await expect(outline.getByRole('button', { name: 'Modifier la note « Un jardin numérique »' })).toBeFocused();
	const communs = outline.getByRole('region', { name: /^Communs/ });
	await expect(communs.getByRole('listitem')).toHaveCount(1);

	// Move it to Lieux through its menu: choose, then apply.
	await alice.keyboard.press('Tab');
	await expect(outline.getByRole('button', { name: 'Autres actions pour la note « Un jardin numérique »' })).toBeFocused();
	await alice.keyboard.press('Enter');
	await tabTo(alice, outline.getByRole('combobox', { name: 'Déplacer vers la colonne' }));
	await alice.keyboard.press('l');
	await tabTo(alice, outline.getByRole('button', { name: 'Appliquer' }));
	await alice.keyboard.press('Enter');
	const lieux = outline.getByRole('region', { name: /^Lieux/ });
	await expect(lieux.getByRole('listitem')).toHaveText([/Un jardin numérique/]);
	await expect(communs.getByRole('listitem')).toHaveCount(0);

	// The facilitator opens the vote; Alice hears it and votes from the keyboard.
	await setPhase(facilitator, 'Vote');
	await expect(announcer(alice)).toHaveText(/Phase\s: vote, 3 votes restants\./);
	await tabTo(alice, lieux.getByRole('button', { name: 'Voter pour « Un jardin numérique »' }));
	await alice.keyboard.press('Enter');
	await expect(lieux.getByText('1 vote', { exact: true })).toBeVisible();
	await expect(alice.getByText('Votes restants : 2')).toBeVisible();

	// Shortcuts: "?" opens the help, Escape closes it; "1" goes to the first axis.
	await alice.keyboard.press('?');
	const help = alice.getByRole('dialog', { name: 'Raccourcis clavier' });
	await expect(help).toBeVisible();
	await alice.keyboard.press('Escape');
	await expect(help).toBeHidden();
	// "1" puts the focus on the first axis' heading. Pressing it again is harmless, so a key
	// pressed while the closing dialog still held the page is simply pressed again.
	await expect
		.poll(async () => {
			await alice.keyboard.press('1');
			return alice.evaluate(() => document.activeElement?.id);
		})
		.toBe('outline-axis-lieux');
});

test('the live region tells what another participant added, once per batch', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier annonces');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const bob = await joinAs(browser, board.links.participant, 'Bob');
	await expect(announcer(alice)).toHaveAttribute('aria-live', 'polite');
	await addNote(bob, 'Lieux', 'Un tiers-lieu au marché');
	await expect(announcer(alice)).toHaveText(/Une nouvelle contribution dans Lieux\./);
	// One's own notes are not announced to oneself.
	await expect(announcer(bob)).not.toHaveText(/Lieux/);
	// One polite region on the page (SvelteKit's own route announcer is assertive, for navigations).
	await expect(alice.locator('[aria-live="polite"]')).toHaveCount(1);
});
