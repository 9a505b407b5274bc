import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, PHASES, setPhase } from './a11y-helpers';
import { addNote, createBoard, joinAs, openAs } from './helpers';

// Two journeys in two files keep each under a minute on a small CI machine; this one: the participant.
test('participant page: no serious or critical axe violation in any phase, in both views', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier accessible');
	const facilitator = await openAs(browser, board.links.facilitator);
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	await addNote(alice, 'Lieux', 'Une médiathèque ouverte le dimanche');
	await facilitator.getByRole('button', { name: 'Ajouter une note au nom de la salle dans Communs' }).click();
	await facilitator.keyboard.type('Dit par la salle');

	for (const [i, phase] of PHASES.entries()) {
		if (i > 0) await setPhase(facilitator, phase);
		await expect(alice.getByText(`Phase : ${phase}`, { exact: true })).toBeVisible();
		// The views alternate from phase to phase; Collect and Vote are checked in both.
		const views = phase === 'Collecte' || phase === 'Vote' ? ['Plan (liste)', 'Colonnes'] : [i % 2 === 0 ? 'Plan (liste)' : 'Colonnes'];
		for (const view of views) {
			await alice.getByRole('button', { name: view }).click();
			await expect(alice.getByRole('button', { name: view })).toHaveAttribute('aria-pressed', 'true');
			await expectNoSeriousViolations(alice, `participant, ${phase}, ${view}`);
		}
	}

	await alice.keyboard.press('?');
	await expect(alice.getByRole('dialog', { name: 'Raccourcis clavier' })).toBeVisible();
	await expectNoSeriousViolations(alice, 'shortcuts dialog');
});
