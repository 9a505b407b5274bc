import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y-helpers';
import { addNote, createBoard, joinAs, openAs } from './helpers';
import { waitForStored } from './outcomes-helpers';

const SHOTS = process.env.TRAME_SHOTS_DIR;

/** The pages of a PDF as [width, height] in points, read from their MediaBox. */
function pageSizes(pdf: Buffer): number[][] {
	const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
	return boxes.map((b) => [Math.round(Number(b[1])), Math.round(Number(b[2]))]);
}

async function printed(page: Page, name: string): Promise<number[][]> {
	const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	if (SHOTS) writeFileSync(`${SHOTS}/${name}.pdf`, pdf);
	return pageSizes(pdf);
}

test('the organiser prints the room kit: A4 and A3 posters, paper forms per axis, synthesis posters', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier Numérique en commun(s)');
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	await addNote(alice, 'Communs', 'Un inventaire partagé des outils libres');
	await waitForStored(page, board.id, board.links.organiser, 'Un inventaire partagé des outils libres');

	const organiser = await openAs(browser, board.links.organiser);
	await organiser.getByRole('link', { name: /^Kit pour la salle/ }).click();
	const kit = organiser;
	await expect(kit.getByRole('heading', { level: 1, name: 'Atelier Numérique en commun(s)' })).toBeVisible();
	await expect(kit.getByRole('img', { name: 'QR code qui ouvre le tableau pour participer' })).toBeVisible();
	await expect(kit.getByText(board.joinCode, { exact: true })).toBeVisible();
	await expect(kit.getByText('Ou allez sur 127.0.0.1:')).toBeVisible();
	await expectNoSeriousViolations(kit, 'the A4 poster');
	// Very large type: the code is taller than the instructions several times over.
	const codeSize = await kit.getByText(board.joinCode, { exact: true }).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
	expect(codeSize).toBeGreaterThan(90);
	expect(await printed(kit, 'poster-a4')).toEqual([[595, 842]]);

	await kit.getByRole('link', { name: 'Affiche A3' }).click();
	await expect(kit.getByRole('link', { name: 'Affiche A3' })).toHaveAttribute('aria-current', 'page');
	expect(await printed(kit, 'poster-a3')).toEqual([[842, 1191]]);

	await kit.getByRole('link', { name: 'Fiches papier (A4, une par axe)' }).click();
	await expect(kit.getByRole('main', { name: 'Fiches papier (A4, une par axe)' })).toBeVisible();
	for (const axis of ['Lieux', 'Données', 'Communs']) await expect(kit.getByRole('heading', { level: 2, name: axis })).toBeVisible();
	await expect(kit.getByText('Idée 4')).toHaveCount(3);
	await expectNoSeriousViolations(kit, 'the paper forms');
	expect(await printed(kit, 'forms')).toEqual([[595, 842], [595, 842], [595, 842]]);

	await kit.getByRole('link', { name: 'Posters de synthèse (A3, un par axe)' }).click();
	await expect(kit.getByRole('main', { name: 'Posters de synthèse (A3, un par axe)' })).toBeVisible();
	const communs = kit.getByRole('region', { name: 'Communs' });
	await expect(communs.getByRole('listitem')).toHaveText(/Un inventaire partagé des outils libres\s*0 vote$/);
	await expectNoSeriousViolations(kit, 'the synthesis posters');
	expect(await printed(kit, 'synthesis')).toEqual([[842, 1191], [842, 1191], [842, 1191]]);

	// In English too, for an English-speaking room.
	const english = await (await browser.newContext({ locale: 'en-GB' })).newPage();
	await english.goto(board.links.organiser.replace('/admin?', '/posters?') + '&sheet=poster-a3');
	await expect(english.getByText('Join the workshop')).toBeVisible();
	await expect(english.getByText("Scan the QR code with your phone's camera.")).toBeVisible();

	// The kit needs a facilitator's or organiser's link.
	const refused = await page.request.get(board.links.participant.replace('?', '/posters?'));
	expect(refused.status()).toBe(403);
});
