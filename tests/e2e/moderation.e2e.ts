/**
 * Moderation that withholds, in browsers (issue 14): a facilitator hides a
 * note, it leaves the participants' boards and the projector and is listed
 * as hidden in the console, from where it is shown again; with pre-moderation
 * the projector shows a note only once accepted; a participant reports a note.
 */
import { expect, test } from '@playwright/test';
import { addNote, column, createBoard, joinAs, noteTexts, openAs } from './helpers';

test('hide withholds the note from participants and the projector; the console unhides it', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier modéré');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const bob = await joinAs(browser, board.links.participant, 'Bob');
	await addNote(alice, 'Lieux', 'Mon numéro : 06 12 34 56 78');
	const facilitator = await openAs(browser, board.links.facilitator);
	const projector = await openAs(browser, board.links.projector, { width: 1920, height: 1080 });
	await expect(projector.getByText('Mon numéro : 06 12 34 56 78')).toBeVisible();

	// Bob reports it; the console lists the report.
	const note = column(bob, 'Lieux').getByRole('article');
	await note.getByRole('button', { name: "Signaler cette note à l'animation" }).click();
	await expect(note.getByRole('button', { name: 'Signalée' })).toBeDisabled();
	await facilitator.locator('summary').filter({ hasText: /^Modération/ }).click();
	const reports = facilitator.getByRole('region', { name: /^Signalements/ });
	await expect(reports.getByText('Mon numéro : 06 12 34 56 78')).toBeVisible();
	await reports.getByRole('button', { name: 'Masquer' }).click();

	await expect.poll(() => noteTexts(bob, 'Lieux')).toEqual([]);
	await expect.poll(() => noteTexts(alice, 'Lieux')).toEqual([]);
	await expect(projector.getByText('Mon numéro')).toHaveCount(0);
	const hidden = facilitator.getByRole('region', { name: 'Notes masquées (1)' });
	await expect(hidden.getByText('Mon numéro : 06 12 34 56 78')).toBeVisible();
	// A projector opened after the hide never gets the text.
	const late = await openAs(browser, board.links.projector, { width: 1920, height: 1080 });
	await expect(late.getByRole('heading', { name: /Lieux/ }).first()).toBeVisible();
	expect(await late.content()).not.toContain('06 12 34 56 78');

	// The organiser sees it too, marked hidden, on the organiser's page.
	const admin = await openAs(browser, board.links.organiser);
	await admin.locator('summary').filter({ hasText: /^Modération/ }).click();
	await expect(admin.getByRole('region', { name: 'Notes masquées (1)' }).getByRole('listitem')).toHaveText(/^Masquée Mon numéro : 06 12 34 56 78/);

	await hidden.getByRole('button', { name: 'Afficher' }).click();
	await expect(facilitator.getByRole('region', { name: 'Notes masquées (0)' })).toBeVisible();
	await expect(late.getByText('Mon numéro : 06 12 34 56 78')).toBeVisible();
	await expect.poll(() => noteTexts(bob, 'Lieux')).toEqual(['Mon numéro : 06 12 34 56 78']);
});

test('pre-moderation: a new note reaches the projector only once the facilitator accepts it', async ({ browser, page }) => {
	const board = await createBoard(page, 'Plénière publique');
	const facilitator = await openAs(browser, board.links.facilitator);
	await facilitator.getByRole('checkbox', { name: /Pré-modération/ }).check();
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const projector = await openAs(browser, board.links.projector, { width: 1920, height: 1080 });
	await addNote(alice, 'Communs', 'Un wiki des tiers-lieux');
	await expect(column(alice, 'Communs').getByText('En attente de modération')).toBeVisible();

	await facilitator.locator('summary').filter({ hasText: /^Modération/ }).click();
	const queue = facilitator.getByRole('region', { name: 'En attente (1)' });
	await expect(queue.getByText('Un wiki des tiers-lieux')).toBeVisible();
	await expect(projector.getByText('Un wiki des tiers-lieux')).toHaveCount(0);
	await queue.getByRole('button', { name: 'Accepter' }).click();
	await expect(projector.getByText('Un wiki des tiers-lieux')).toBeVisible();
	await expect(column(alice, 'Communs').getByText('En attente de modération')).toHaveCount(0);
	await expect(facilitator.getByRole('region', { name: 'En attente (0)' })).toBeVisible();
});
