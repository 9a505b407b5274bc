/**
 * Every page at the sizes people use it, with a long note and a written
 * synthesis: a screenshot of each under test-results/visual/ (to look at),
 * and a failure when a page scrolls sideways or its main regions overlap.
 */
import { expect, test, type Page } from '@playwright/test';
import { setPhase } from './a11y-helpers';
import { addNote, column, createBoard, joinAs, openAs } from './helpers';
import { checkLayout } from './layout-checks';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };
const PROJECTOR = { width: 1920, height: 1080 };
const SMALL_PROJECTOR = { width: 1280, height: 720 };
const LONG_NOTE = 'Une médiathèque ouverte le soir et le dimanche, avec des médiateurs formés. '.repeat(14).slice(0, 1000);

/** The projector gives the board most of the screen, whatever its header holds. */
async function expectRoomForNotes(screen: Page, viewport: { height: number }) {
	const box = (await screen.getByRole('region', { name: /^Lieux/ }).boundingBox())!;
	expect(box.height, 'height of a projector column').toBeGreaterThan(viewport.height * 0.5);
}

async function writeSynthesis(facilitator: Page, axis: string, text: string, cite?: string) {
	const field = facilitator.getByLabel(`Synthèse : ${axis}`);
	await field.fill(text);
	if (!cite) return;
	const picker = facilitator.getByLabel(`Citer une note de ${axis} dans la synthèse`);
	await picker.selectOption((await picker.locator('option', { hasText: cite }).getAttribute('value'))!);
}

test('every page at its sizes: nothing scrolls sideways, no region drawn over another', async ({ browser, page }) => {
	test.setTimeout(180_000);
	const home = await openAs(browser, '/', PHONE);
	await checkLayout(home, 'home-phone');
	// On a phone, people mostly come to join: « Rejoindre » first.
	const top = async (name: string) => (await home.getByRole('heading', { name }).boundingBox())!.y;
	expect(await top('Rejoindre un atelier')).toBeLessThan(await top('Créer un tableau'));
	await checkLayout(await openAs(browser, '/', LAPTOP), 'home-laptop');
	await checkLayout(await openAs(browser, '/confidentialite', PHONE), 'privacy-phone');

	const board = await createBoard(page, 'Atelier Numérique en commun(s) — Lyon, médiathèque de la Part-Dieu');
	await checkLayout(await openAs(browser, board.links.participant, PHONE), 'join-phone');
	await checkLayout(await openAs(browser, board.links.organiser, LAPTOP), 'organiser-laptop');

	const facilitator = await openAs(browser, board.links.facilitator, LAPTOP);
	const screen = await openAs(browser, board.links.projector, PROJECTOR);
	const small = await openAs(browser, board.links.projector, SMALL_PROJECTOR);
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const phone = await joinAs(browser, board.links.participant, 'Bob', PHONE);
	await addNote(alice, 'Lieux', LONG_NOTE);
	for (const text of ['Un tiers-lieu dans chaque quartier', 'Des horaires élargis', 'Un fablab itinérant']) await addNote(alice, 'Lieux', text);
	await addNote(alice, 'Données', 'Publier les horaires en open data');
	await addNote(phone, 'Lieux', 'Des ateliers pour les parents');
	await expect(screen.getByRole('heading', { name: /^Lieux 5/ })).toBeVisible();

	await checkLayout(alice, 'participant-laptop-collect');
	await checkLayout(phone, 'participant-phone-collect');
	// The phone's first screen shows notes, not chrome; no keyboard shortcuts on a phone.
	const firstNote = (await phone.getByRole('article').first().boundingBox())!;
	expect(firstNote.y, 'the first note starts within the first screen').toBeLessThan(PHONE.height - 100);
	await expect(phone.getByRole('button', { name: 'Raccourcis clavier' })).toBeHidden();
	await phone.getByRole('button', { name: 'Menu' }).click();
	await expect(phone.getByRole('button', { name: 'Changer de nom' })).toBeVisible();
	await expect(phone.getByRole('button', { name: 'Raccourcis clavier' })).toBeHidden();
	await phone.getByRole('button', { name: 'Menu' }).click();
	await checkLayout(facilitator, 'console-laptop-collect');
	await checkLayout(screen, 'projector-collect');
	// Readable from the back of the room: a big QR code.
	expect((await screen.getByRole('img', { name: /QR code/ }).boundingBox())!.width).toBeGreaterThanOrEqual(280);
	await checkLayout(small, 'projector-small-collect');
	await expectRoomForNotes(screen, PROJECTOR);
	await expectRoomForNotes(small, SMALL_PROJECTOR);
	// One long note does not push the others onto pages of their own.
	for (const text of ['Un tiers-lieu dans chaque quartier', 'Des horaires élargis', 'Un fablab itinérant']) {
		await expect(screen.getByText(text)).toBeVisible();
	}

	// A group, focused on the screen: clearly highlighted, the long note shown whole.
	await setPhase(facilitator, 'Regroupement');
	await alice.getByRole('button', { name: 'Nouveau groupe dans Lieux' }).click();
	const longNote = column(alice, 'Lieux').getByRole('article').filter({ has: alice.getByRole('textbox', { name: 'Texte de la note' }) }).first();
	await longNote.getByLabel('Groupe', { exact: true }).selectOption({ label: 'Groupe 1' });
	await facilitator.getByLabel("Montrer sur l'écran").selectOption({ label: '— Groupe 1' });
	await expect(screen.getByRole('heading', { name: /^Données/ })).toHaveCount(0);
	await checkLayout(screen, 'projector-group-focus');
	await facilitator.getByLabel("Montrer sur l'écran").selectOption({ label: 'Tout le tableau' });

	// Vote counts hidden while people vote, if the facilitator so chooses; shown again after.
	await setPhase(facilitator, 'Vote');
	await facilitator.getByRole('checkbox', { name: 'Montrer les votes pendant le vote' }).uncheck();
	await expect(column(screen, 'Lieux').getByText(/^\d+ votes?$/)).toHaveCount(0);
	await expect(column(phone, 'Lieux').getByText(/^Vos votes/).first()).toBeVisible();
	await checkLayout(phone, 'participant-phone-vote');
	// Someone else's long note is clamped on a phone, and opens whole on demand.
	await column(phone, 'Lieux').getByRole('button', { name: 'Lire la suite', expanded: false }).click();
	await column(phone, 'Lieux').getByRole('button', { name: 'Réduire', expanded: true }).click();
	await expect(column(phone, 'Lieux').getByRole('button', { name: 'Lire la suite', expanded: false })).toBeVisible();
	await checkLayout(screen, 'projector-vote');
	await facilitator.getByRole('checkbox', { name: 'Montrer les votes pendant le vote' }).check();
	await expect(column(screen, 'Lieux').getByText(/^\d+ votes?$/).first()).toBeVisible();

	await setPhase(facilitator, 'Synthèse');
	await writeSynthesis(facilitator, 'Lieux', 'Ouvrir plus tard, avec les habitants, et former les équipes.', 'Un tiers-lieu');
	await writeSynthesis(facilitator, 'Données', 'Publier ce qui est déjà public.', 'Publier les horaires');
	await writeSynthesis(facilitator, 'Communs', 'À reprendre à la prochaine rencontre.');
	await expect(screen.getByText('Publier ce qui est déjà public.')).toBeVisible();
	await checkLayout(facilitator, 'console-laptop-synthesis');
	const facilitatorPhone = await openAs(browser, board.links.facilitator, PHONE);
	await expect(facilitatorPhone.getByLabel('Synthèse : Données')).toHaveValue(/Publier ce qui est déjà public/);
	await checkLayout(facilitatorPhone, 'console-phone-synthesis');
	await checkLayout(screen, 'projector-synthesis');
	await checkLayout(small, 'projector-small-synthesis');
	// French spacing in French, none in English (the raw text: a regular expression sees the no-break space).
	await expect(screen.locator('.phase')).toHaveText(/^Phase\u00a0: Synthèse$/);
	const english = await (await browser.newContext({ locale: 'en-US', viewport: PROJECTOR })).newPage();
	await english.goto(board.links.projector);
	await expect(english.locator('.phase')).toHaveText(/^Phase: Synthesis$/);
	await checkLayout(english, 'projector-english-synthesis');
	await checkLayout(alice, 'participant-laptop-synthesis');
	await alice.getByRole('button', { name: 'Plan (liste)' }).click();
	await expect(alice.getByRole('region', { name: 'Synthèse' }).first()).toContainText('Ouvrir plus tard, avec les habitants');
	await checkLayout(alice, 'participant-laptop-outline');
	await alice.getByRole('button', { name: 'Colonnes' }).click();
	// Participants read the synthesis on their own device.
	await expect(column(phone, 'Lieux').getByText('Ouvrir plus tard, avec les habitants')).toBeVisible();
	await checkLayout(phone, 'participant-phone-synthesis');

	await checkLayout(await openAs(browser, board.links.facilitator.replace('/facilitate?', '/report?'), LAPTOP), 'report-laptop');

	const created = await page.request.post('/api/events', { data: { title: 'Numérique en commun(s) 2026', place: 'Lyon' } });
	expect(created.status()).toBe(201);
	const { links } = (await created.json()) as { links: { organiser: string } };
	await checkLayout(await openAs(browser, links.organiser, LAPTOP), 'event-laptop');
});
