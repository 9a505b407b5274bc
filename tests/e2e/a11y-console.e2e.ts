import { test } from '@playwright/test';
import { expectNoSeriousViolations, PHASES, setPhase } from './a11y-helpers';
import { addNote, createBoard, joinAs, openAs } from './helpers';

// The other pages (the participant's is a11y.e2e.ts): home, organiser, facilitator console and projector through the phases.
test('home, organiser, facilitator and projector pages: no serious or critical axe violation', async ({ browser, page }) => {
	await expectNoSeriousViolations(await openAs(browser, '/'), 'home');
	const board = await createBoard(page, 'Atelier accessible');
	await expectNoSeriousViolations(await openAs(browser, board.links.organiser), 'organiser page');

	const facilitator = await openAs(browser, board.links.facilitator);
	const screen = await openAs(browser, board.links.projector, { width: 1920, height: 1080 });
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	await addNote(alice, 'Lieux', 'Une médiathèque ouverte le dimanche');
	for (const [i, phase] of PHASES.entries()) {
		if (i > 0) await setPhase(facilitator, phase);
		await expectNoSeriousViolations(facilitator, `facilitator console, ${phase}`);
		if (phase !== 'Regroupement') await expectNoSeriousViolations(screen, `projector, ${phase}`);
	}
});
