import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations, setPhase } from './a11y-helpers';
import { addNote, createBoard, joinAs, openAs } from './helpers';

const SHOTS = process.env.TRAME_SHOTS_DIR;

async function openRoomConsole(facilitator: Page) {
	await facilitator.getByText('Nuages de mots, sondages et graphiques').click();
	await expect(facilitator.getByRole('heading', { name: 'Ce que la salle regarde' })).toBeVisible();
}

test('the facilitator shows an axis’ word cloud and a poll; three phones answer; the projector charts it live', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier plénière');
	const facilitator = await openAs(browser, board.links.facilitator);
	const screen = await openAs(browser, board.links.projector, { width: 1920, height: 1080 });
	const phone = { width: 390, height: 844 };
	const people = [await joinAs(browser, board.links.participant, 'Alice', phone), await joinAs(browser, board.links.participant, 'Bruno', phone), await joinAs(browser, board.links.participant, 'Chloé', phone)];

	await addNote(people[0], 'Données', 'Des données ouvertes pour la bibliothèque');
	await addNote(people[1], 'Données', 'Protéger les données personnelles');
	await addNote(people[2], 'Lieux', 'Une bibliothèque ouverte le soir');

	await openRoomConsole(facilitator);
	await facilitator.getByLabel('Image à projeter :').selectOption({ label: 'Nuage de mots : Données' });
	const picture = screen.getByRole('region', { name: 'Nuage de mots : Données' });
	await expect(picture).toBeVisible();
	await picture.getByText('Voir en tableau').click();
	// The text alternative: "données" twice (plural and singular folded), stop words gone, the other axis apart.
	await expect(picture.getByRole('row', { name: 'données 2' })).toBeVisible();
	await expect(picture.getByRole('cell', { name: 'les', exact: true })).toHaveCount(0);
	await expect(picture.getByRole('cell', { name: 'soir' })).toHaveCount(0);
	if (SHOTS) await screen.screenshot({ path: `${SHOTS}/projector-cloud.png` });
	await expectNoSeriousViolations(screen, 'the projector’s word cloud');

	// In the console, a word filters the notes.
	await facilitator.getByRole('button', { name: /^bibliothèque\s: dans 2 note/ }).click();
	await expect(facilitator.getByText('Notes filtrées : seulement celles qui contiennent « bibliothèque ».')).toBeVisible();
	await expect(facilitator.getByRole('textbox', { name: 'Texte de la note' })).toHaveCount(2);
	await facilitator.getByRole('button', { name: 'Retirer le filtre' }).first().click();
	await expect(facilitator.getByRole('textbox', { name: 'Texte de la note' })).toHaveCount(3);

	await facilitator.getByLabel('Question').fill('Où travaillez-vous ?');
	await facilitator.getByLabel('Choix (un par ligne)').fill('Bibliothèque\nTiers-lieu\nMairie');
	await facilitator.getByRole('button', { name: 'Lancer et afficher' }).click();
	await expectNoSeriousViolations(facilitator, 'the console with a poll');

	const chart = screen.getByRole('region', { name: 'Où travaillez-vous ?' });
	await expect(chart).toContainText('0 réponse');
	for (const [i, person] of people.entries()) {
		await expect(person.getByRole('heading', { name: 'Où travaillez-vous ?' })).toBeVisible();
		await expect(person.getByRole('status').filter({ hasText: 'Nouveau sondage : Où travaillez-vous ?' })).toBeAttached();
		await person.getByRole('button', { name: i === 2 ? 'Tiers-lieu' : 'Bibliothèque' }).click();
		await expect(person.getByRole('status').filter({ hasText: 'Merci ! Votre réponse' })).toBeVisible();
	}
	await expectNoSeriousViolations(people[0], 'a phone after answering');
	await expect(chart).toContainText('3 réponses');
	await chart.getByText('Voir en tableau').click();
	await expect(chart.getByRole('row', { name: 'Bibliothèque 2' })).toBeVisible();
	await expect(chart.getByRole('row', { name: 'Tiers-lieu 1' })).toBeVisible();
	if (SHOTS) await screen.screenshot({ path: `${SHOTS}/projector-poll.png` });
	if (SHOTS) await people[0].screenshot({ path: `${SHOTS}/phone-poll.png` });
	await expectNoSeriousViolations(screen, 'the projector’s poll chart');

	// Closed: the phones stop asking, the projector says so.
	await facilitator.getByRole('button', { name: 'Clore', exact: true }).click();
	await expect(chart).toContainText('Sondage clos');
	await expect(people[0].getByRole('heading', { name: 'Où travaillez-vous ?' })).toHaveCount(0);

	// The printable report carries the poll and its results.
	const report = await openAs(browser, board.links.facilitator.replace('/facilitate', '/report'));
	const polls = report.getByRole('region', { name: 'Sondages de la séance' });
	await expect(polls.getByRole('heading', { name: 'Où travaillez-vous ?' })).toBeVisible();
	await expect(polls).toContainText('3 réponses');
	await polls.getByText('Voir en tableau').click();
	await expect(polls.getByRole('row', { name: 'Bibliothèque 2' })).toBeVisible();
});

test('closing the vote reveals the ranking as a bar chart on the projector', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier résultats');
	const facilitator = await openAs(browser, board.links.facilitator);
	const screen = await openAs(browser, board.links.projector, { width: 1280, height: 720 });
	const stillContext = await browser.newContext({ locale: 'fr-FR', reducedMotion: 'reduce' });
	const still = await stillContext.newPage();
	await still.goto(board.links.projector);
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	await addNote(alice, 'Communs', 'Un fonds de logiciels libres partagé');
	await addNote(alice, 'Communs', 'Des ateliers de réparation');
	await setPhase(facilitator, 'Vote');
	await alice.getByRole('article').filter({ hasText: 'ateliers' }).getByRole('button', { name: /^Voter/ }).click();

	await openRoomConsole(facilitator);
	await facilitator.getByRole('button', { name: 'Clore le vote et révéler le classement' }).click();
	const results = screen.getByRole('region', { name: 'Résultats des votes : tous les axes' });
	await expect(results).toBeVisible();
	await results.getByText('Voir en tableau').first().click();
	const rows = results.getByRole('table').first().getByRole('row');
	await expect(rows.nth(1)).toHaveText(/Des ateliers de réparation\s*1 vote/);
	await expect(rows.nth(2)).toHaveText(/Un fonds de logiciels libres partagé\s*0 vote/);
	// Without motion for those who asked for none; animated bar by bar for the others: check what it ends on.
	await expect(still.getByRole('region', { name: 'Résultats des votes : tous les axes' })).toBeVisible();
	expect(await still.evaluate(() => document.getAnimations().length)).toBe(0);
	expect(await screen.evaluate(() => document.getAnimations().length)).toBeGreaterThan(0);
	await screen.waitForFunction(() => document.getAnimations().every((a) => a.playState === 'finished'));
	if (SHOTS) await screen.screenshot({ path: `${SHOTS}/projector-results-720.png` });
	await expectNoSeriousViolations(screen, 'the projector’s results');

	// A word of the cloud narrows the notes the synthesis can cite.
	const cite = facilitator.getByRole('combobox', { name: 'Citer une note de Communs dans la synthèse' });
	await expect(cite.getByRole('option')).toHaveCount(3);
	await facilitator.getByRole('button', { name: /^réparation\s: dans 1 note/ }).click();
	await expect(cite.getByRole('option')).toHaveCount(2);
	await expect(cite.getByRole('option').nth(1)).toContainText('Des ateliers de réparation');
	await cite.selectOption({ index: 1 });
	await expect(facilitator.getByRole('textbox', { name: 'Synthèse : Communs' })).toHaveValue(/^#[0-9a-z]{5} $/);

	const report = await openAs(browser, board.links.facilitator.replace('/facilitate', '/report'));
	const communs = report.locator('section').filter({ has: report.getByRole('heading', { name: 'Communs', level: 2 }) });
	await expect(communs.getByRole('figure', { name: 'Votes par note' })).toBeVisible();
	await expectNoSeriousViolations(report, 'the report with its charts');
});
