/**
 * One whole workshop as the room lives it (issue 10): an organiser and a
 * facilitator on laptops, two laptop participants, one phone, a latecomer and a
 * projector, each in a browser context of its own; every phase from private
 * collect to close, a reload of each role in the middle of a phase, undo where
 * the rules forbid it, a change the server refuses, a second console tab, a
 * licence change and a link replacement reaching open pages. Every browser is
 * watched: no console error, no failed request, no socket retried in a loop.
 */
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import type { CreateBoardResponse } from '../../src/lib/shared/api';
import { LIMITS } from '../../src/lib/shared/limits';
import { column, createBoard, noteTexts, showAxis } from './helpers';
import { tokenOf } from './outcomes-helpers';
import { hydrated, online, Watch } from './watch';

// Long journeys on a shared machine: conditions, not sleeps, and room for them.
test.setTimeout(240_000);

/** A note's card on a page, found by its text (a field's value or a read-only text). */
async function card(page: Page, axis: string, text: string) {
	const col = column(page, axis);
	await expect.poll(() => noteTexts(page, axis)).toContain(text);
	const id = await col.locator('article').evaluateAll(
		(cards, wanted) =>
			cards
				.find((c) => (c.querySelector('textarea')?.value ?? c.querySelector('.text')?.textContent ?? '') === wanted)
				?.getAttribute('data-note-id'),
		text
	);
	return col.locator(`article[data-note-id="${id}"]`);
}

/** A screenshot of each person's page at a moment of the journey, to look at (test-results). */
async function shoot(moment: string, pages: Record<string, Page>): Promise<void> {
	for (const [who, p] of Object.entries(pages)) await p.screenshot({ path: test.info().outputPath(`${moment}-${who}.png`), fullPage: true });
}

async function reload(page: Page): Promise<void> {
	await page.reload();
	await hydrated(page);
}

function undoButton(page: Page) {
	return page.getByRole('button', { name: 'Annuler', exact: true });
}

/** The join code a page shows now. */
async function shownCode(page: Page): Promise<string> {
	const label = (await page.getByLabel(/^Code pour rejoindre/).first().getAttribute('aria-label')) ?? '';
	return label.replace(/^.*:/, '').replace(/\s/g, '');
}

test('a whole session: every role, every phase, reloads, refusals and live changes', async ({ browser, page }) => {
	const board: CreateBoardResponse = await createBoard(page, 'Rencontres NEC 2026');
	const watch = new Watch([
		{
			who: 'Alice',
			match: /WebSocket is already in CLOSING or CLOSED state/,
			reason: 'the race with the lock, made on purpose: her next keystroke goes out while the server closes the link that refused the first'
		},
		// Chloé's link is replaced while her phone is offline: back online, her sockets are refused
		// at upgrade (401) and her page asks once why (401), then stops. Each of her three documents
		// may show a refused upgrade and a probe; the count below proves there is no loop.
		{ who: 'Chloé', match: /console error: WebSocket connection to .* failed/, reason: 'the refused upgrade, once per document' },
		{ who: 'Chloé', match: /(HTTP 401: GET \/yjs\/|console error: Failed to load resource: .* 401)/, reason: 'the probe that tells her page to stop' }
	]);

	// Alice's session socket can be held back, to make her write in a race with a lock.
	let heldBack: WebSocketRoute | null = null;
	let latestSession: WebSocketRoute | null = null;
	const holdSession = async (p: Page) => {
		await p.routeWebSocket(/\/yjs\/[^/?]+\/session\?/, (ws) => {
			const server = ws.connectToServer();
			latestSession = ws;
			server.onMessage((message) => {
				if (heldBack !== ws) ws.send(message);
			});
		});
	};

	const organiser = await watch.open(browser, 'Organisatrice', board.links.organiser);
	const facilitator = await watch.open(browser, 'Animateur', board.links.facilitator);
	const screen = await watch.open(browser, 'Projecteur', board.links.projector, 'projector');
	const alice = await watch.join(browser, 'Alice', board.links.participant, 'laptop', holdSession);
	const bob = await watch.join(browser, 'Bob', board.links.participant);
	const chloe = await watch.join(browser, 'Chloé', board.links.participant, 'phone');

	// ── Collect, private writing ────────────────────────────────────────────
	await facilitator.getByLabel(/Écriture privée/).check();
	await expect(alice.getByText(/ne les verront qu'au moment de la révélation/)).toBeVisible();
	await alice.getByRole('button', { name: 'Ajouter une note dans Lieux' }).click();
	await alice.keyboard.type('Un tiers-lieu ouvert le soir');
	await expect(facilitator.getByText('Notes en attente de révélation : 1')).toBeVisible();

	// The phone: its tab counts the private note the column shows.
	await showAxis(chloe, 'Lieux');
	await chloe.getByRole('button', { name: 'Ajouter une note dans Lieux' }).click();
	await chloe.keyboard.type('Du wifi libre à la médiathèque');
	await expect(facilitator.getByText('Notes en attente de révélation : 2')).toBeVisible();
	await expect(chloe.getByRole('navigation', { name: 'Axes' }).getByRole('button', { name: /^Lieux/ })).toHaveText(/Lieux\s*1/);

	// Alice reloads in the middle of private writing: her note is back at once, from her
	// own saved copy and the server, and what she writes next reaches the server —
	// without anyone else writing meanwhile (which used to be what reopened her link).
	await expect(facilitator.getByText(/^0 \/ 3 ont fini/)).toBeVisible();
	await reload(alice);
	await expect.poll(() => noteTexts(alice, 'Lieux')).toEqual(['Un tiers-lieu ouvert le soir']);
	await alice.getByRole('button', { name: 'Ajouter une note dans Lieux' }).click();
	await expect(alice.getByRole('textbox', { name: 'Texte de la note' }).and(alice.locator(':focus'))).toBeVisible();
	await alice.keyboard.type('Des permanences au marché');
	await expect(facilitator.getByText('Notes en attente de révélation : 3')).toBeVisible();
	// The reloaded tab is counted once, not twice.
	await expect(facilitator.getByText(/^0 \/ 3 ont fini/)).toBeVisible();
	await expect(facilitator.getByText('Présents : 3')).toBeVisible();

	// A long paste is cut to the limit, and the page says so.
	await bob.getByRole('button', { name: 'Ajouter une note dans Données' }).click();
	const bobField = bob.getByRole('textbox', { name: 'Texte de la note' }).and(bob.locator(':focus'));
	await expect(bobField).toBeVisible();
	const long = 'Ouvrir les données des horaires et des lieux. '.repeat(40).slice(0, 1500);
	await bob.evaluate((text) => navigator.clipboard.writeText(text), long);
	await bob.keyboard.press('Control+V');
	await expect(bob.getByRole('status').filter({ hasText: `seuls les ${LIMITS.noteLength} premiers caractères` })).toBeVisible();
	await expect(bobField).toHaveValue(long.slice(0, LIMITS.noteLength));
	await bob.getByRole('button', { name: 'Ajouter une note dans Lieux' }).click();
	await bob.keyboard.type('Cartographier les lieux');
	await expect(facilitator.getByText('Notes en attente de révélation : 5')).toBeVisible();
	await shoot('1-private', { alice, bob, chloe, facilitator, screen });
	await expect(column(screen, 'Lieux').getByText('Notes en attente de révélation : 4')).toBeVisible();
	expect(await screen.content()).not.toContain('Cartographier les lieux');

	// The projector reloads: still no texts, the counts come back.
	await reload(screen);
	await expect(column(screen, 'Lieux').getByText('Notes en attente de révélation : 4')).toBeVisible();

	await facilitator.getByRole('button', { name: 'Révéler toutes les notes' }).click();
	await expect.poll(() => noteTexts(bob, 'Lieux')).toEqual(
		expect.arrayContaining(['Un tiers-lieu ouvert le soir', 'Des permanences au marché', 'Du wifi libre à la médiathèque', 'Cartographier les lieux'])
	);
	await expect(screen.getByText('Cartographier les lieux')).toBeVisible();

	// ── The licence changes while people are on the board ──────────────────
	await expect(alice.getByRole('contentinfo')).toContainText('ne seront pas publiés');
	await organiser.getByLabel('Licence', { exact: true }).selectOption('etalab-2.0');
	// People wrote under « non publié »: asked first, nothing saved yet.
	await expect(organiser.getByRole('alert').filter({ hasText: 'non publié' })).toBeVisible();
	await expect(alice.getByRole('contentinfo')).toContainText('ne seront pas publiés');
	await organiser.getByRole('button', { name: 'Publier quand même' }).click();
	await expect(organiser.getByRole('status').filter({ hasText: 'Licence enregistrée' })).toBeVisible();
	await expect(alice.getByRole('contentinfo').getByRole('link', { name: /Etalab/ })).toBeVisible();

	// ── Group ───────────────────────────────────────────────────────────────
	await facilitator.getByRole('button', { name: 'Passer à : Regroupement' }).click();
	await expect(alice.getByRole('button', { name: /Ajouter une note dans/ })).toHaveCount(0);
	// Alice drops Bob's note on her own ungrouped note: a new group holding both.
	const bobsCard = await card(alice, 'Lieux', 'Cartographier les lieux');
	const alicesCard = await card(alice, 'Lieux', 'Un tiers-lieu ouvert le soir');
	await bobsCard.locator('[draggable="true"]').dragTo(alicesCard);
	const group = (p: Page) => column(p, 'Lieux').getByRole('region', { name: 'Groupe 1' });
	await expect(group(alice).getByRole('article')).toHaveCount(2);
	await expect(group(facilitator).getByRole('article')).toHaveCount(2);
	await shoot('2-group', { alice, facilitator });

	// A latecomer arrives: everything revealed is there.
	const dan = await watch.join(browser, 'Dan', board.links.participant);
	await expect.poll(() => noteTexts(dan, 'Lieux')).toContain('Un tiers-lieu ouvert le soir');
	await reload(screen);
	await expect(screen.getByText('Cartographier les lieux')).toBeVisible();

	// Bob edits his note; the facilitator locks the board.
	const bobsNote = (await card(bob, 'Lieux', 'Cartographier les lieux')).getByRole('textbox', { name: 'Texte de la note' });
	await bobsNote.click();
	await bobsNote.press('End');
	await bob.keyboard.type(' ensemble');
	await expect.poll(() => noteTexts(facilitator, 'Lieux')).toContain('Cartographier les lieux ensemble');
	await expect(undoButton(bob)).toBeEnabled();

	// Alice does not hear of the lock in time (her session link is held back) and types.
	heldBack = latestSession;
	await facilitator.getByRole('button', { name: 'Verrouiller le tableau' }).click();
	await expect(bob.getByText(/verrouillé par l'animation/)).toBeVisible();
	// Locked: undo is not offered, the keyboard shortcut does nothing, Bob stays connected.
	await expect(undoButton(bob)).toBeDisabled();
	await bob.locator('body').press('Control+z');
	await expect(online(bob)).toHaveText('En ligne');
	await expect(bob.getByText('Déconnecté')).toHaveCount(0);
	await expect.poll(() => noteTexts(facilitator, 'Lieux')).toContain('Cartographier les lieux ensemble');

	// The server refuses Alice's typing: her page goes back to what is stored and tells her,
	// without cutting her off.
	const alicesField = (await card(alice, 'Lieux', 'Des permanences au marché')).getByRole('textbox', { name: 'Texte de la note' });
	await alicesField.click();
	await alicesField.press('End');
	await alice.keyboard.type(' !');
	await expect(alice.getByRole('status').filter({ hasText: 'n’a pas accepté votre dernière modification' })).toBeVisible();
	await expect(online(alice)).toHaveText('En ligne');
	await expect(alice.getByText(/verrouillé par l'animation/)).toBeVisible();
	await expect.poll(() => noteTexts(alice, 'Lieux')).toContain('Des permanences au marché');
	expect(await noteTexts(facilitator, 'Lieux')).not.toContain('Des permanences au marché !');
	await facilitator.getByRole('button', { name: /Déverrouiller le tableau/ }).click();
	await expect(alice.getByText(/verrouillé par l'animation/)).toHaveCount(0);

	// ── Vote settings: two console tabs agree, « Appliquer » keeps the other field ──
	await facilitator.getByLabel('Votes par personne').fill('2');
	await facilitator.getByRole('button', { name: 'Appliquer' }).click();
	await facilitator.getByLabel('Durée (minutes)').fill('7');
	await facilitator.getByRole('button', { name: 'Régler' }).click();
	const second = await watch.open(browser, 'Animateur (2e onglet)', board.links.facilitator);
	await expect(second.getByLabel('Votes par personne')).toHaveValue('2');
	await expect(second.getByLabel('Votes max. sur une même note')).toHaveValue('1');
	await expect(second.getByLabel('Durée (minutes)')).toHaveValue('7');
	await second.getByLabel('Votes max. sur une même note').fill('2');
	await second.getByRole('button', { name: 'Appliquer' }).click();
	await expect(facilitator.getByLabel('Votes max. sur une même note')).toHaveValue('2');
	await expect(facilitator.getByLabel('Votes par personne')).toHaveValue('2');

	// ── Vote ────────────────────────────────────────────────────────────────
	await facilitator.getByRole('button', { name: 'Passer à : Vote' }).click();
	await expect(bob.getByText('Votes restants : 2')).toBeVisible();
	const vote = async (p: Page, text: string) => (await card(p, 'Lieux', text)).getByRole('button', { name: /Voter pour cette note/ }).click();
	await vote(bob, 'Un tiers-lieu ouvert le soir');
	await vote(bob, 'Un tiers-lieu ouvert le soir');
	await expect(bob.getByText('Votes restants : 0')).toBeVisible();
	// A greyed « +1 » says why.
	const spent = (await card(bob, 'Lieux', 'Du wifi libre à la médiathèque')).getByRole('button', { name: /Voter pour cette note/ });
	await expect(spent).toBeDisabled();
	await expect(spent).toHaveAccessibleDescription(/Vos votes sont tous utilisés/);
	await vote(dan, 'Du wifi libre à la médiathèque');
	const hands = (await card(facilitator, 'Lieux', 'Du wifi libre à la médiathèque')).getByRole('spinbutton', { name: 'Mains levées dans la salle' });
	await hands.fill('4');
	await hands.press('Enter');
	await expect(await card(alice, 'Lieux', 'Du wifi libre à la médiathèque')).toContainText('1 en ligne, 4 à main levée');

	// The facilitator reloads during the vote: the console shows the session, not defaults.
	await reload(facilitator);
	await expect(facilitator.getByLabel('Votes par personne')).toHaveValue('2');
	await expect(facilitator.getByLabel('Votes max. sur une même note')).toHaveValue('2');
	await expect(facilitator.getByLabel('Durée (minutes)')).toHaveValue('7');
	await expect(facilitator.getByRole('button', { name: 'Pause' })).toHaveCount(0);
	await shoot('3-vote', { bob, facilitator, screen });

	// ── Synthesis, with a citation ──────────────────────────────────────────
	await facilitator.getByRole('button', { name: 'Passer à : Synthèse' }).click();
	await facilitator.getByLabel('Synthèse : Lieux').fill('Des lieux ouverts tard, repérés ensemble.');
	const picker = facilitator.getByLabel('Citer une note de Lieux dans la synthèse');
	await picker.selectOption((await picker.locator('option', { hasText: 'Un tiers-lieu ouvert le soir' }).getAttribute('value'))!);
	await shoot('4-synthesis', { facilitator, screen });
	await expect(screen.getByRole('list', { name: 'Notes citées' })).toContainText('Un tiers-lieu ouvert le soir');

	// ── Closed: asked first; then nothing is offered that the server would refuse ──
	await facilitator.getByRole('button', { name: 'Passer à : Terminé' }).click();
	await expect(facilitator.getByRole('alert').filter({ hasText: 'Terminer l’atelier' })).toBeVisible();
	await facilitator.getByRole('button', { name: 'Oui, terminer l’atelier' }).click();
	await expect(alice.getByText(/L'atelier est terminé/)).toBeVisible();
	for (const p of [alice, bob, dan]) {
		await expect(undoButton(p)).toBeDisabled();
		await p.locator('body').press('Control+z');
		await expect(online(p)).toHaveText('En ligne');
	}
	await expect(screen.getByText('Phase : Terminé', { exact: true })).toBeVisible();

	// ── The participant link is replaced: asked first, then every page shows the new code ──
	const oldCode = board.joinCode;
	// The phone is in a pocket, offline, while the link is replaced.
	await chloe.context().setOffline(true);
	await expect(online(chloe)).toHaveText(/Hors ligne/);
	await expect.poll(() => shownCode(organiser)).toBe(oldCode);
	await organiser.getByRole('button', { name: 'Nouveau lien participant' }).click();
	await expect(organiser.getByRole('alert').filter({ hasText: 'seront déconnectées' })).toBeVisible();
	await organiser.getByRole('button', { name: 'Oui, remplacer le lien participant' }).click();
	await expect.poll(() => shownCode(organiser)).not.toBe(oldCode);
	const newCode = await shownCode(organiser);
	// The console's join panel too (the projector shows it during the collect, from the same value).
	await expect.poll(() => shownCode(facilitator)).toBe(newCode);
	await expect(organiser.locator(`a[href$="/j/${newCode}"]`)).toBeVisible();
	// Back online: refused at upgrade, her page says so and stops asking.
	await chloe.context().setOffline(false);
	await expect(chloe.getByText("Ce lien n'est plus valide")).toBeVisible();
	await expect(online(chloe)).toHaveText('Déconnecté');
	const chloeOpens = watch.socketOpens('Chloé', board.id).opens;
	await shoot('5-replaced', { organiser, chloe, alice });
	const info = await page.request.get(`/api/boards/${board.id}`, { headers: { authorization: `Bearer ${tokenOf(board.links.organiser)}` } });
	expect(((await info.json()) as { joinCode: string }).joinCode).toBe(newCode);

	// ── The printable report carries what the Markdown export carries ──────
	const report = await watch.open(browser, 'Compte rendu', board.links.facilitator.replace('/facilitate?', '/report?'));
	await expect(report.getByRole('heading', { name: 'Notes citées' })).toBeVisible();
	await expect(report.getByRole('listitem').filter({ hasText: 'Du wifi libre à la médiathèque' }).first()).toContainText('dont 4 à main levée');

	// ── Across the whole journey ───────────────────────────────────────────
	// The projector has no private document: it never asked for one.
	expect(watch.socketOpens('Projecteur', '/private').opens).toBe(0);
	// Once told her link was replaced, Chloé's page never tried again (it used to, every 2.5 s).
	expect(watch.socketOpens('Chloé', board.id).opens).toBe(chloeOpens);
	// Each participant page opened its private link at most once per load (Chloé once more, back
	// from offline): no retry loop.
	for (const who of ['Alice', 'Bob', 'Chloé', 'Dan']) {
		const { opens, loads } = watch.socketOpens(who, '/private');
		expect(opens, who).toBeLessThanOrEqual(loads + (who === 'Chloé' ? 1 : 0));
	}
	expect(watch.problems()).toEqual([]);
	await watch.close();
});
