/**
 * A plenary in a real browser: a board of (almost) LIMITS.notesPerBoard notes
 * and more than LIMITS.plenaryFrom people present. A phone (390×844) holds
 * one websocket, adds a note, finds it and votes for it; the projector shows
 * the plenary state and says how many notes it cannot show.
 * The board is seeded by raw clients (tests/helpers/mux-client.ts), not clicks.
 */
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { addNote as addNoteTo } from '../../src/lib/board/doc';
import { LIMITS } from '../../src/lib/shared/limits';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { LightClient } from '../helpers/mux-client';
import { addNote, column, createBoard, joinAs, openAs } from './helpers';

const SEEDED = LIMITS.notesPerBoard - 10;
const AXES = ['lieux', 'donnees', 'communs'];

async function light(origin: string, boardId: string, token: string, key = newKey()): Promise<LightClient> {
	const result = await LightClient.open(origin, boardId, { token, key });
	if (!('client' in result)) throw new Error(`refused: ${result.refused}`);
	result.client.syncBoard();
	return result.client;
}

/** SEEDED notes by one raw participant, as a few updates (each under LIMITS.messageBytes). */
async function seed(origin: string, boardId: string, token: string): Promise<{ seeder: LightClient; authorId: string }> {
	const key = newKey();
	const authorId = await participantIdOf(key);
	const seeder = await light(origin, boardId, token, key);
	const doc = new Y.Doc();
	for (let done = 0; done < SEEDED; done += 2000) {
		const before = Y.encodeStateVector(doc);
		doc.transact(() => {
			for (let i = done; i < Math.min(SEEDED, done + 2000); i++) addNoteTo(doc, { axisId: AXES[i % 3], authorId, text: `Idée de la salle n° ${i}` });
		});
		seeder.sendUpdate(Y.encodeStateAsUpdate(doc, before));
	}
	// Kept open until the end: closing now could drop frames not yet written.
	return { seeder, authorId };
}

test('a 10,000-note plenary stays usable on a phone; the projector shows the plenary', async ({ browser }) => {
	test.setTimeout(180_000);
	const origin = test.info().project.use.baseURL!;
	const setup = await openAs(browser, '/');
	const board = await createBoard(setup, 'Plénière e2e');
	const token = (role: keyof typeof board.links) => new URL(board.links[role], origin).searchParams.get('token')!;
	const { seeder, authorId } = await seed(origin, board.id, token('participant'));
	// The hall: more people present than the plenary threshold, each on one raw socket.
	const hall = await Promise.all(Array.from({ length: LIMITS.plenaryFrom + 5 }, () => light(origin, board.id, token('participant'))));
	hall.forEach((c, i) => c.announce({ user: { name: `Salle ${i}` } }));
	// Re-announced as stock clients do (every 15 s), or the server lets the states expire after 30 s.
	const renewing = setInterval(() => hall.forEach((c) => c.renew()), 10_000);

	// A phone joins: one websocket for all of the board's documents.
	const sockets: string[] = [];
	const phoneContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
	const phone: Page = await phoneContext.newPage();
	phone.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname));
	await phone.goto(board.links.participant);
	await phone.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	await phone.getByLabel('Votre prénom ou un pseudo').fill('Zoé');
	await phone.getByRole('button', { name: "Entrer dans l'atelier" }).click();
	await expect(phone.getByRole('status', { name: 'État de la connexion' })).toHaveText(/En ligne/);
	await expect(phone.getByRole('navigation', { name: 'Axes' }).getByRole('button', { name: /^Lieux/ })).toContainText(String(SEEDED / 3));
	// Presence as a count: the phone is not sent every name (on a phone it is in the board's menu).
	await phone.getByRole('button', { name: 'Menu' }).click();
	await expect(phone.getByText(/^Plénière\s*: \d+ personnes présentes$/)).toBeVisible();
	await phone.getByRole('button', { name: 'Menu' }).click();
	// Only what is on screen is in the page.
	expect(await column(phone, 'Lieux').getByRole('article').count()).toBeLessThan(100);

	// Add a note and type it.
	await addNote(phone, 'Lieux', 'Une idée de Zoé');
	const mine = column(phone, 'Lieux').locator('article', { has: phone.getByText('Votre note') });
	await expect(mine.getByRole('textbox', { name: 'Texte de la note' })).toHaveValue('Une idée de Zoé');
	await expect(mine).toBeInViewport();
	await phone.screenshot({ path: test.info().outputPath('plenary-phone.png') });

	// The hall fills the board up to LIMITS.notesPerBoard (in Communs): the phone can add no more, and is told why.
	const seederDoc = new Y.Doc();
	const fill = Y.encodeStateVector(seederDoc);
	seederDoc.transact(() => {
		for (let i = SEEDED + 1; i < LIMITS.notesPerBoard; i++) addNoteTo(seederDoc, { axisId: 'communs', authorId, text: `Dernière idée n° ${i}` });
	});
	seeder.sendUpdate(Y.encodeStateAsUpdate(seederDoc, fill));
	const addInLieux = phone.getByRole('button', { name: 'Ajouter une note dans Lieux' });
	await expect(addInLieux).toBeDisabled();
	await expect(addInLieux).toHaveAccessibleDescription('Le tableau est plein\u00a0: 10\u202f000 notes au plus. Supprimer une note libère une place.');
	await phone.screenshot({ path: test.info().outputPath('plenary-phone-full.png') });

	// The projector during the collect shows the newest notes, as many as its column holds.
	const screen = await openAs(browser, board.links.projector, { width: 1920, height: 1080 });
	const communs = screen.getByRole('region', { name: /^Communs/ });
	await expect(communs.getByText(`Dernière idée n° ${LIMITS.notesPerBoard - 1}`)).toBeVisible();
	expect(await communs.getByRole('listitem').count()).toBeGreaterThanOrEqual(8);

	// The facilitator opens the vote; the phone finds its note again (the last one of the column) and votes for it.
	const facilitator = await openAs(browser, board.links.facilitator);
	await facilitator.getByRole('button', { name: /^\d\. Vote$/ }).click();
	const votesLeft = phone.getByRole('paragraph').filter({ hasText: /^Votes restants\s*:\s*\d+$/ });
	await expect(votesLeft).toBeVisible();
	const left = Number((await votesLeft.textContent())!.match(/\d+/)![0]);
	await phone.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
	await expect(mine).toBeVisible();
	await mine.getByRole('button', { name: /Voter pour cette note/ }).click();
	await expect(votesLeft).toHaveText(new RegExp(`:\\s*${left - 1}$`));
	// The facilitator keeps the list of everyone present (the hall and Zoé), not a count.
	await expect(facilitator.getByText(`Présents : ${hall.length + 1}`)).toBeVisible();
	await facilitator.screenshot({ path: test.info().outputPath('plenary-console.png') });

	// The outline view renders only what is on screen too.
	await phone.getByRole('button', { name: 'Menu' }).click();
	await phone.getByRole('button', { name: 'Plan (liste)' }).click();
	await expect(phone.locator('li.note').first()).toBeVisible();
	expect(await phone.locator('li.note').count()).toBeLessThan(150);

	// The projector: the plenary state, and what it cannot show is counted.
	await expect(screen.getByText(/^Plénière · \d+ personnes présentes$/)).toBeVisible();
	await expect(screen.getByText(/… et \d{1,3}(\u202f\d{3})? autres notes/).first()).toBeVisible();
	await screen.screenshot({ path: test.info().outputPath('plenary-projector.png') });

	expect(sockets.filter((path) => path.startsWith('/yjs/'))).toEqual([`/yjs/${board.id}/mux`]);
	clearInterval(renewing);
	for (const c of [...hall, seeder]) c.close();
});
