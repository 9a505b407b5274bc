import { expect, test } from '@playwright/test';
import { addNote, joinAs, openAs } from './helpers';
import { download } from './outcomes-helpers';

test('an organiser creates an event, adds two workshops, follows them and exports the whole event', async ({ browser }) => {
	const home = await openAs(browser, '/');
	await home.getByText('Créer un événement').click();
	await home.getByLabel("Titre de l'événement").fill('Numérique en commun(s) 2026');
	await home.getByLabel('Début', { exact: true }).fill('2026-11-25');
	await home.getByLabel('Fin', { exact: true }).fill('2026-11-26');
	await home.getByLabel('Lieu', { exact: true }).fill('Lyon');
	await home.getByLabel('Description').fill('Deux jours de rencontres');
	await home.getByLabel('Licence', { exact: true }).selectOption('etalab-2.0');
	await home.getByRole('button', { name: "Créer l'événement" }).click();
	await expect(home.getByRole('heading', { name: 'Votre événement « Numérique en commun(s) 2026 » est prêt' })).toBeVisible();
	const link = await home.getByRole('textbox', { name: "Lien d'organisation de l'événement" }).inputValue();
	expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/e\/\w+\?token=/);

	const organiser = await openAs(browser, link);
	await expect(organiser.getByRole('heading', { level: 1 })).toHaveText('Numérique en commun(s) 2026');
	await expect(organiser.getByText('Licence Ouverte Etalab 2.0')).toBeVisible();
	await expect(organiser.getByText("Aucun atelier pour l'instant")).toBeVisible();

	const participantLinks: string[] = [];
	for (const title of ['Atelier Lieux', 'Atelier Données']) {
		await organiser.getByLabel("Titre de l'atelier").fill(title);
		await organiser.getByRole('button', { name: "Ajouter l'atelier" }).click();
		await expect(organiser.getByRole('heading', { name: `Votre tableau « ${title} » est prêt` })).toBeVisible();
		for (const role of ['Organisation', 'Animation', 'Vidéoprojecteur']) {
			await expect(organiser.getByRole('textbox', { name: role, exact: true })).toHaveValue(/token=/);
		}
		participantLinks.push(await organiser.getByRole('textbox', { name: 'Participants', exact: true }).inputValue());
		await organiser.getByRole('button', { name: 'Ajouter un autre atelier' }).click();
	}
	// The first workshop's links are still there (shown once by the server, never hidden for good),
	// with one button to copy them all.
	await organiser.locator('summary', { hasText: 'Atelier Lieux' }).click();
	const first = organiser.getByRole('region', { name: /Atelier Lieux/ });
	await expect(first.getByRole('textbox', { name: 'Participants', exact: true })).toHaveValue(participantLinks[0]);
	await expect(first.getByRole('button', { name: 'Tout copier' })).toBeVisible();
	await expect(first.getByRole('button', { name: 'Télécharger les liens (.txt)' })).toBeVisible();

	const workshops = organiser.getByRole('region', { name: 'Ateliers' });
	const row = (title: string) => workshops.getByRole('row').filter({ has: organiser.getByRole('rowheader', { name: title }) });
	await expect(row('Atelier Lieux')).toContainText('Pas commencé');
	await expect(row('Atelier Données')).toContainText('Pas commencé');

	// Someone joins the first workshop: the list follows (it refreshes every 10 s).
	const alice = await joinAs(browser, participantLinks[0], 'Alice');
	await addNote(alice, 'Lieux', 'Un fablab dans chaque quartier');
	await expect(row('Atelier Lieux')).toContainText('En cours', { timeout: 25_000 });
	await expect(row('Atelier Lieux').getByRole('cell').nth(2)).toHaveText('1');
	await expect(row('Atelier Données')).toContainText('Pas commencé');

	const md = await download(organiser, 'Markdown (compte rendu)');
	expect(md.text).toContain('# Numérique en commun(s) 2026');
	expect(md.text).toContain('## Atelier Lieux');
	expect(md.text).toContain('## Atelier Données');
	expect(md.text).toContain('Un fablab dans chaque quartier');
	const csv = await download(organiser, 'CSV (tableur)');
	expect(csv.text).toContain('Atelier Lieux,Lieux,,Un fablab dans chaque quartier,0,');

	// The synthesis per axis gathers the workshops' notes.
	const synthesis = organiser.getByRole('region', { name: 'Synthèse par axe' });
	await synthesis.getByRole('button', { name: 'Actualiser la synthèse' }).click();
	const lieux = synthesis.getByRole('region', { name: 'Lieux' });
	await expect(lieux.getByText('2 ateliers · 1 note')).toBeVisible();
	await expect(lieux.getByRole('listitem').filter({ hasText: 'Un fablab dans chaque quartier' })).toContainText('Atelier Lieux');
});

test('a wrong event link gets a clear page', async ({ browser, page }) => {
	const created = await page.request.post('/api/events', { data: { title: 'Rencontres' } });
	const { id } = await created.json();
	const bad = await openAs(browser, `/e/${id}?token=not-the-token`);
	await expect(bad.getByRole('heading', { name: /401/ })).toBeVisible();
	const unknown = await page.request.get('/e/nope-nope?token=abc');
	expect(unknown.status()).toBe(404);
});
