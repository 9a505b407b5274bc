import { expect, test } from '@playwright/test';
import { addNote, column, createBoard, joinAs, noteTexts, openAs, showAxis } from './helpers';

test('two participants and a projector see each other live, and a reload keeps everything', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier Données');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const bob = await joinAs(browser, board.links.participant, 'Bob', { width: 390, height: 844 });
	const screen = await openAs(browser, board.links.projector, { width: 1920, height: 1080 });

	// Presence: each sees the other's chosen name.
	await alice.getByText(/^Présents\s: 2/).click();
	await expect(alice.getByRole('listitem').filter({ hasText: 'Bob' })).toBeVisible();
	await expect(alice.getByRole('listitem').filter({ hasText: 'Alice (vous)' })).toBeVisible();

	await addNote(alice, 'Lieux', 'Une médiathèque ouverte le dimanche');
	await expect.poll(() => noteTexts(bob, 'Lieux')).toEqual(['Une médiathèque ouverte le dimanche']);
	await expect(screen.getByText('Une médiathèque ouverte le dimanche')).toBeVisible();

	// Both type in the same note at once: both keep their words.
	const aliceField = column(alice, 'Lieux').getByRole('textbox', { name: 'Texte de la note' });
	const bobField = column(bob, 'Lieux').getByRole('textbox', { name: 'Texte de la note' });
	await showAxis(bob, 'Lieux');
	await aliceField.focus();
	await alice.keyboard.press('Control+End');
	await bobField.focus();
	await bob.keyboard.press('Control+Home');
	await Promise.all([alice.keyboard.type(' et le soir'), bob.keyboard.type('Idée : ')]);
	const merged = 'Idée : Une médiathèque ouverte le dimanche et le soir';
	await expect(aliceField).toHaveValue(merged);
	await expect(bobField).toHaveValue(merged);
	await expect(screen.getByText(merged)).toBeVisible();

	// Bob adds his own note, colours it and moves it to another axis.
	await addNote(bob, 'Données', 'Ouvrir les horaires en open data');
	const bobNote = column(bob, 'Données').getByRole('article');
	await bobNote.getByLabel('Couleur').selectOption('green');
	await bobNote.getByLabel('Colonne').selectOption('communs');
	await expect.poll(() => noteTexts(alice, 'Communs')).toEqual(['Ouvrir les horaires en open data']);
	await expect.poll(() => noteTexts(alice, 'Données')).toEqual([]);
	await expect(column(alice, 'Communs').getByRole('article').getByLabel('Couleur')).toHaveValue('green');

	// Only the author may delete a note: Bob has no delete button on Alice's note.
	await showAxis(bob, 'Lieux');
	await expect(column(bob, 'Lieux').getByRole('button', { name: 'Supprimer cette note' })).toHaveCount(0);
	await showAxis(bob, 'Communs');
	await expect(column(bob, 'Communs').getByRole('button', { name: 'Supprimer cette note' })).toHaveCount(1);

	// The projector is read-only: no field, no button.
	await expect(screen.getByRole('textbox')).toHaveCount(0);
	await expect(screen.getByRole('button', { name: /Ajouter/ })).toHaveCount(0);
	await expect(screen.getByText('Ouvrir les horaires en open data')).toBeVisible();
	await expect(screen.getByText(/Code pour rejoindre/)).toBeVisible();

	// A reload (new page load, same browser) keeps every note.
	await alice.reload();
	await expect.poll(() => noteTexts(alice, 'Lieux')).toEqual([merged]);
	await expect.poll(() => noteTexts(alice, 'Communs')).toEqual(['Ouvrir les horaires en open data']);

	// Bob deletes his note; it disappears everywhere.
	await column(bob, 'Communs').getByRole('button', { name: 'Supprimer cette note' }).click();
	// Asked twice: until confirmed, the note stays.
	await expect.poll(() => noteTexts(alice, 'Communs')).toEqual(['Ouvrir les horaires en open data']);
	await column(bob, 'Communs').getByRole('button', { name: 'Oui, supprimer' }).click();
	await expect.poll(() => noteTexts(alice, 'Communs')).toEqual([]);
	await expect(screen.getByText('Ouvrir les horaires en open data')).toHaveCount(0);
});

test('edits made offline are kept and sent when the connection returns', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier hors ligne');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const bob = await joinAs(browser, board.links.participant, 'Bob');

	await alice.context().setOffline(true);
	await expect(alice.getByRole('status', { name: 'État de la connexion' })).toHaveText(/Hors ligne/);
	await addNote(alice, 'Communs', 'Écrit pendant la coupure');
	await expect(column(alice, 'Communs').getByRole('textbox', { name: 'Texte de la note' })).toHaveValue('Écrit pendant la coupure');
	expect(await noteTexts(bob, 'Communs')).toEqual([]);
	await alice.context().setOffline(false);
	await expect(alice.getByRole('status', { name: 'État de la connexion' })).toHaveText(/En ligne/);
	await expect.poll(() => noteTexts(bob, 'Communs')).toEqual(['Écrit pendant la coupure']);
});

test('typing right after "add a note" goes into the new note, however fast', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier rapide');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const texts = [['Lieux', 'Premier'], ['Données', 'Deuxième'], ['Lieux', 'Troisième'], ['Communs', 'Quatrième']];
	for (const [axis, text] of texts) {
		await alice.getByRole('button', { name: `Ajouter une note dans ${axis}` }).click();
		await alice.keyboard.type(text);
	}
	await expect.poll(() => noteTexts(alice, 'Lieux')).toEqual(['Premier', 'Troisième']);
	await expect.poll(() => noteTexts(alice, 'Données')).toEqual(['Deuxième']);
	await expect.poll(() => noteTexts(alice, 'Communs')).toEqual(['Quatrième']);
});

test('a note written offline survives closing and reopening the tab, then reaches the board', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier sans réseau');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const bob = await joinAs(browser, board.links.participant, 'Bob');
	// The service worker keeps the page for offline use once it is active.
	await alice.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		for (let i = 0; i < 50 && !(await caches.match(location.href)); i++) await new Promise((r) => setTimeout(r, 100));
		return registration.active?.state;
	});

	const aliceBrowser = alice.context();
	await aliceBrowser.setOffline(true);
	await addNote(alice, 'Données', 'Écrit hors ligne, onglet fermé');
	const url = alice.url();
	// IndexedDB writes land a moment after each keystroke: a second tab, reloaded, shows when they have.
	const reopened = await aliceBrowser.newPage();
	await expect
		.poll(async () => {
			await reopened.goto(url);
			await reopened.locator('body[data-hydrated]').waitFor({ state: 'attached' });
			return noteTexts(reopened, 'Données');
		})
		.toEqual(['Écrit hors ligne, onglet fermé']);
	await alice.close();
	await reopened.reload();
	await expect.poll(() => noteTexts(reopened, 'Données')).toEqual(['Écrit hors ligne, onglet fermé']);
	expect(await noteTexts(bob, 'Données')).toEqual([]);

	await reopened.context().setOffline(false);
	await expect.poll(() => noteTexts(bob, 'Données')).toEqual(['Écrit hors ligne, onglet fermé']);
});

test('arrowing through a note\'s column menu only browses it; Enter moves the note', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier au clavier');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	await addNote(alice, 'Lieux', 'Une idée à déplacer');
	const menu = column(alice, 'Lieux').getByLabel('Colonne');
	await menu.focus();
	await alice.keyboard.press('ArrowDown');
	await expect(menu).toHaveValue('donnees');
	expect(await noteTexts(alice, 'Lieux')).toEqual(['Une idée à déplacer']);
	await alice.keyboard.press('Enter');
	await expect.poll(() => noteTexts(alice, 'Données')).toEqual(['Une idée à déplacer']);
	await expect.poll(() => noteTexts(alice, 'Lieux')).toEqual([]);
});
