import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, setPhase } from './a11y-helpers';
import { addNote, createBoard, joinAs, openAs } from './helpers';

test('no serious or critical axe violation on any page, in any phase, in both views', async ({ browser, page }) => {
	const home = await openAs(browser, '/');
	await expectNoSeriousViolations(home, 'home');

	const board = await createBoard(page, 'Atelier accessible');
	const facilitator = await openAs(browser, board.links.facilitator);
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	await addNote(alice, 'Lieux', 'Une médiathèque ouverte le dimanche');
	await addNote(facilitator, 'Communs', 'Dit par la salle');
	const screen = await openAs(browser, board.links.projector, { width: 1920, height: 1080 });
	const organiser = await openAs(browser, board.links.organiser);
	await expectNoSeriousViolations(organiser, 'organiser page');

	// Each phase changes what the pages show (buttons, votes, syntheses); the views alternate to keep the run short.
	const phases = ['Collecte', 'Regroupement', 'Vote', 'Synthèse', 'Terminé'];
	for (const [i, phase] of phases.entries()) {
		if (i > 0) await setPhase(facilitator, phase);
		await expect(alice.getByText(`Phase : ${phase}`)).toBeVisible();
		const view = i % 2 === 0 ? 'Plan (liste)' : 'Colonnes';
		await alice.getByRole('button', { name: view }).click();
		await expect(alice.getByRole('button', { name: view })).toHaveAttribute('aria-pressed', 'true');
		await expectNoSeriousViolations(alice, `participant, ${phase}, ${view}`);
		if (phase !== 'Regroupement') await expectNoSeriousViolations(facilitator, `facilitator console, ${phase}`);
		if (phase === 'Collecte' || phase === 'Vote' || phase === 'Terminé') await expectNoSeriousViolations(screen, `projector, ${phase}`);
	}

	// The shortcuts dialog, open.
	await alice.keyboard.press('?');
	await expect(alice.getByRole('dialog', { name: 'Raccourcis clavier' })).toBeVisible();
	await expectNoSeriousViolations(alice, 'shortcuts dialog');
});
