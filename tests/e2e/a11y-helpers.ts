/** Accessibility checks shared by the inclusion journeys: axe-core (WCAG 2.2 A/AA rules) on a page as it is now. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Fails with the rule ids and the elements when axe finds a serious or critical violation. */
export async function expectNoSeriousViolations(page: Page, state: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	const serious = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(results.passes.length, `axe ran on ${state}`).toBeGreaterThan(0);
	expect(serious, `axe on ${state}`).toEqual([]);
}

/** The facilitator moves the session to a phase with the console's phase buttons ("3. Vote"). */
export async function setPhase(facilitator: Page, phaseName: string): Promise<void> {
	const button = facilitator.getByRole('group', { name: 'Changer de phase' }).getByRole('button', { name: new RegExp(`^\\d\\. ${phaseName}$`) });
	await button.click();
	// Ending the workshop is asked twice.
	if (phaseName === 'Terminé' && (await button.getAttribute('aria-pressed')) !== 'true') {
		await facilitator.getByRole('button', { name: 'Oui, terminer l’atelier' }).click();
	}
	await expect(button).toHaveAttribute('aria-pressed', 'true');
}

export const PHASES = ['Collecte', 'Regroupement', 'Vote', 'Synthèse', 'Terminé'] as const;
