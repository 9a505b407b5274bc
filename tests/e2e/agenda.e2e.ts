/**
 * The planned run (« déroulé », issue 13): the console starts it, shows what
 * comes next, suggests moving on once everyone has finished (never on its
 * own), the projector shows the step's instruction and countdown, the plan
 * is edited during the session, the report puts planned beside actual.
 */
import { expect, test } from '@playwright/test';
import { createBoard, joinAs, openAs } from './helpers';
import { expectNoSeriousViolations } from './a11y-helpers';

const SHOTS = process.env.TRAME_SHOTS_DIR;

test('a facilitator runs the agenda: a step starts the timer, moves on when everyone is done', async ({ browser, page }) => {
	const board = await createBoard(page, 'Atelier minuté');
	const facilitator = await openAs(browser, board.links.facilitator);
	const alice = await joinAs(browser, board.links.participant, 'Alice');
	const bob = await joinAs(browser, board.links.participant, 'Bob', { width: 390, height: 844 });
	const screen = await openAs(browser, board.links.projector, { width: 1920, height: 1080 });
	const agenda = facilitator.getByRole('region', { name: 'Déroulé' });

	await expect(agenda).toContainText("Le déroulé n'a pas commencé.");
	await agenda.getByRole('button', { name: 'Lancer le déroulé' }).click();
	await expect(agenda).toContainText('Étape 1 sur 5 : Collecte, 15 min');
	await expect(agenda).toContainText('Ensuite : Regroupement, 15 min');
	const collect = "Chacun écrit ses idées, une par note, sous l'axe qui lui parle.";
	await expect(screen.getByText(collect)).toBeVisible();
	await expect(alice.getByText(collect)).toBeVisible();
	await expect(screen.getByRole('timer')).toHaveText(/1[45]:\d\d/);

	// Nothing moves on by itself: the console asks once everyone said « J'ai fini ».
	await alice.getByRole('button', { name: "J'ai fini" }).click();
	await expect(agenda.getByText('Tout le monde a fini.', { exact: false })).toHaveCount(0);
	await bob.getByRole('button', { name: "J'ai fini" }).click();
	await expect(agenda.getByText('Tout le monde a fini. Passer à l\'étape suivante ?')).toBeVisible();
	if (SHOTS) await facilitator.screenshot({ path: `${SHOTS}/console-agenda.png` });
	await expectNoSeriousViolations(facilitator, 'the console with the agenda');
	await expect(screen.getByText('Phase : Collecte', { exact: true })).toBeVisible();
	await agenda.getByRole('button', { name: "Passer à l'étape suivante" }).click();

	const group = "Rapprochez les notes qui disent la même chose et donnez un nom à chaque groupe.";
	await expect(screen.getByText('Phase : Regroupement', { exact: true })).toBeVisible();
	await expect(screen.getByText(group)).toBeVisible();
	await expect(agenda).toContainText('Étape 2 sur 5');
	// « J'ai fini » starts again at each step.
	await expect(alice.getByRole('button', { name: "J'ai fini", pressed: false })).toBeVisible();
	if (SHOTS) await screen.screenshot({ path: `${SHOTS}/screen-agenda.png` });

	// Edited during the session: the next step's instruction changes everywhere.
	await agenda.getByText('Modifier le déroulé').click();
	const step3 = agenda.getByRole('group', { name: 'Étape 3' });
	await step3.getByLabel('Consigne (participants et écran)').fill('Trois gommettes chacun.');
	await step3.getByLabel('Durée (min)').fill('7');
	await agenda.getByRole('button', { name: 'Enregistrer le déroulé' }).click();
	await expect(agenda).toContainText('Ensuite : Vote, 7 min — Trois gommettes chacun.');
	await agenda.getByRole('button', { name: "Passer à l'étape suivante" }).click();
	await expect(screen.getByText('Trois gommettes chacun.')).toBeVisible();
	await expect(screen.getByRole('timer')).toHaveText(/0[67]:\d\d/);

	// The printable report: planned and actual time per step.
	const report = await openAs(browser, `/b/${board.id}/report?token=${new URL(board.links.facilitator, 'http://x').searchParams.get('token')}`);
	const times = report.getByRole('region', { name: 'Déroulé : prévu et réel' });
	await expect(times.getByRole('row')).toHaveCount(6);
	await expect(times.getByRole('row', { name: /Vote/ })).toContainText('7 min');
	await expect(times.getByRole('row', { name: /Collecte/ }).getByRole('cell').nth(1)).toHaveText('0 min');
	await expect(times.getByRole('row', { name: /Synthèse/ })).toContainText('non jouée');
});
