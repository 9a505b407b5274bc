/**
 * Workshop kits (issue 13): create from the gallery, download the board's
 * kit, create the next day's board by uploading that file, duplicate a
 * board and an event.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { addNote, joinAs, openAs } from './helpers';
import { expectNoSeriousViolations } from './a11y-helpers';

const SHOTS = process.env.TRAME_SHOTS_DIR;

test('a facilitator picks a kit in the gallery, exports it, and reuses it by uploading the file', async ({ browser }) => {
	const home = await openAs(browser, '/');
	const gallery = home.getByRole('group', { name: "Choisissez un format d'atelier (kit)" });
	await expect(gallery.getByRole('radio')).toHaveCount(4);
	if (SHOTS) await home.screenshot({ path: `${SHOTS}/gallery.png`, fullPage: true });
	await expectNoSeriousViolations(home, 'the kit gallery');
	await home.getByLabel("Titre de l'atelier").fill('Rétro 2026');
	await gallery.getByLabel(/Rétrospective d'une année de médiation numérique/).check();
	await home.getByRole('button', { name: 'Créer le tableau' }).click();
	await expect(home.getByRole('heading', { name: 'Votre tableau « Rétro 2026 » est prêt' })).toBeVisible();
	const organiserLink = await home.getByRole('textbox', { name: 'Organisation', exact: true }).inputValue();
	const participantLink = await home.getByRole('textbox', { name: 'Participants', exact: true }).inputValue();

	// The kit's prompts are shown to participants; someone writes a note.
	const nadia = await joinAs(browser, participantLink, 'Nadia');
	await expect(nadia.getByText("Qu'avez-vous compris cette année que vous ne saviez pas en janvier ?")).toBeVisible();
	await addNote(nadia, 'Nos difficultés', 'Trop peu de postes');

	// The organiser downloads the kit: the format, no note, no participant.
	const organiser = await openAs(browser, organiserLink);
	const kitCard = organiser.getByRole('region', { name: "Format de l'atelier (kit)" });
	const [file] = await Promise.all([organiser.waitForEvent('download'), kitCard.getByRole('button', { name: 'Télécharger le kit' }).click()]);
	const path = await file.path();
	const kit = JSON.parse(readFileSync(path, 'utf8'));
	expect(kit.$schema).toMatch(/\/schema\/trame-kit-v1\.schema\.json$/);
	expect(kit.axes.map((a: { title: string }) => a.title)).toEqual(['Nos fiertés', 'Nos difficultés', 'Ce que nous avons appris', 'À essayer l\'an prochain']);
	expect(JSON.stringify(kit)).not.toContain('Trop peu de postes');
	expect(JSON.stringify(kit)).not.toContain('Nadia');
	const schema = await organiser.request.get('/schema/trame-kit-v1.schema.json');
	expect(schema.status()).toBe(200);
	expect((await schema.json()).title).toBe('Trame workshop kit, version 1');

	// The next day: a new board from the uploaded file.
	const nextDay = await openAs(browser, '/');
	await nextDay.getByLabel('Ou importez un fichier de kit (.json)').setInputFiles(path);
	await expect(nextDay.getByLabel(/Importé/)).toBeChecked();
	await nextDay.getByLabel("Titre de l'atelier").fill('Rétro 2027');
	await nextDay.getByRole('button', { name: 'Créer le tableau' }).click();
	const facilitatorLink = await nextDay.getByRole('textbox', { name: 'Animation', exact: true }).inputValue();
	const facilitator = await openAs(browser, facilitatorLink);
	await expect(facilitator.getByRole('heading', { level: 2, name: /^Ce que nous avons appris/ })).toBeVisible();
	await expect(facilitator.getByText('Trop peu de postes')).toHaveCount(0);
	await expect(facilitator.getByRole('region', { name: 'Déroulé' })).toContainText("Le déroulé n'a pas commencé.");

	// A broken file gets the server's error naming the field; nothing is created.
	const broken = { ...kit, votes: { budget: 'trois', perNote: 1 } };
	await nextDay.goto('/');
	await nextDay.getByLabel('Ou importez un fichier de kit (.json)').setInputFiles({ name: 'kit.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
	await nextDay.getByLabel("Titre de l'atelier").fill('Cassé');
	await nextDay.getByRole('button', { name: 'Créer le tableau' }).click();
	await expect(nextDay.getByRole('alert')).toContainText('kit/votes/budget');
});

test('an organiser duplicates a board and an event: same formats, empty, new links', async ({ browser }) => {
	const page = await openAs(browser, '/');
	const created = await page.request.post('/api/events', { data: { title: 'Rencontres', place: 'Nantes' } });
	const event = await created.json();
	const auth = { authorization: `Bearer ${new URL(event.links.organiser, 'http://x').searchParams.get('token')}` };
	const cafe = await (await page.request.post(`/api/events/${event.id}/boards`, { headers: auth, data: { title: 'Café', template: 'nec' } })).json();

	const admin = await openAs(browser, cafe.links.organiser);
	await admin.getByRole('button', { name: 'Dupliquer' }).click();
	await expect(admin.getByRole('heading', { name: 'Votre tableau « Café (copie) » est prêt' })).toBeVisible();
	const copyLink = await admin.getByRole('textbox', { name: 'Animation', exact: true }).inputValue();
	expect(copyLink).not.toContain(cafe.links.facilitator);
	const copy = await openAs(browser, copyLink);
	for (const axis of ['Lieux', 'Données', 'Communs']) await expect(copy.getByRole('heading', { level: 2, name: new RegExp(`^${axis}`) })).toBeVisible();

	const eventPage = await openAs(browser, event.links.organiser);
	await eventPage.getByRole('button', { name: "Dupliquer l'événement" }).click();
	await expect(eventPage.getByText('Copie créée avec 2 ateliers.', { exact: false })).toBeVisible();
	const newEvent = await eventPage.getByRole('textbox', { name: "Refaire cet événement" }).inputValue();
	expect(newEvent).not.toContain(event.id);
	const second = await openAs(browser, newEvent);
	const workshops = second.getByRole('region', { name: 'Ateliers' });
	await expect(workshops.getByRole('rowheader', { name: 'Café', exact: true })).toBeVisible();
	await expect(workshops.getByRole('rowheader', { name: 'Café (copie)' })).toBeVisible();
	await expect(second.getByText('Nantes')).toBeVisible();
});
