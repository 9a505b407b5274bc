import { expect, test } from '@playwright/test';
import { addNote, createBoard, joinAs } from './helpers';
import { waitForStored } from './outcomes-helpers';

test('the printable report shows the notes per axis and prints to a PDF, without a live connection', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier Données');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	await addNote(alice, 'Données', 'Publier les horaires en open data');
	const bob = await joinAs(browser, board.links.participant, 'Bob');
	await addNote(bob, 'Communs', 'Une cartographie contributive');
	await waitForStored(page, board.id, board.links.organiser, 'Une cartographie contributive');

	const context = await browser.newContext({ locale: 'fr-FR' });
	const report = await context.newPage();
	const sockets: string[] = [];
	report.on('websocket', (ws) => sockets.push(ws.url()));
	await report.goto(board.links.facilitator.replace('/facilitate?', '/report?'));

	await expect(report.getByRole('heading', { level: 1 })).toHaveText('Atelier Données');
	await expect(report.getByText('Compte rendu d\'atelier')).toBeVisible();
	await expect(report.getByText('Non publié (usage interne de l’organisateur)')).toBeVisible();
	for (const axis of ['Lieux', 'Données', 'Communs']) await expect(report.getByRole('heading', { level: 2, name: axis })).toBeVisible();
	await expect(report.getByRole('listitem').filter({ hasText: 'Publier les horaires en open data' })).toContainText('0 vote');
	await expect(report.getByText('Une cartographie contributive')).toBeVisible();
	await expect(report.getByRole('button', { name: 'Imprimer ou enregistrer en PDF' })).toBeVisible();

	const pdf = await report.pdf({ format: 'A4', preferCSSPageSize: true });
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(pdf.length).toBeGreaterThan(5_000);
	expect(sockets).toEqual([]);

	// A participant's link is not enough for the report.
	const refused = await page.request.get(board.links.participant.replace('?', '/report?'));
	expect(refused.status()).toBe(403);
	await context.close();
});
