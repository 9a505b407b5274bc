/** Shared steps of the journeys: each person is a separate browser context, in French. */
import { expect, type Browser, type Page } from '@playwright/test';
import type { CreateBoardResponse } from '../../src/lib/shared/api';

export async function openAs(browser: Browser, url: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
	const context = await browser.newContext({ locale: 'fr-FR', viewport });
	const page = await context.newPage();
	await page.goto(url);
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
	return page;
}

/** Creates a board through the API (the UI path is its own journey). */
export async function createBoard(page: Page, title = 'Atelier e2e'): Promise<CreateBoardResponse> {
	const response = await page.request.post('/api/boards', { data: { title, template: 'nec' } });
	expect(response.status()).toBe(201);
	return (await response.json()) as CreateBoardResponse;
}

/** Opens the participant link and picks a display name. */
export async function joinAs(browser: Browser, link: string, name: string, viewport?: { width: number; height: number }): Promise<Page> {
	const page = await openAs(browser, link, viewport);
	await page.getByLabel('Votre prénom ou un pseudo').fill(name);
	await page.getByRole('button', { name: "Entrer dans l'atelier" }).click();
	await expect(page.getByRole('status', { name: 'État de la connexion' })).toHaveText(/En ligne/);
	return page;
}

/** An axis column, found by its heading ("Lieux (2 notes)"). */
export function column(page: Page, axisTitle: string) {
	return page.getByRole('region', { name: new RegExp(`^${axisTitle} `) });
}

/** The texts of the notes of a column, as each person sees them (editable or not). */
export async function noteTexts(page: Page, axisTitle: string): Promise<string[]> {
	return column(page, axisTitle)
		.locator('article textarea, article .text')
		.evaluateAll((nodes) => nodes.map((n) => (n instanceof HTMLTextAreaElement ? n.value : (n.textContent ?? ''))));
}

/** Adds a note in an axis and types its text (the new note's field has the focus). */
export async function addNote(page: Page, axisTitle: string, text: string): Promise<void> {
	await page.getByRole('button', { name: `Ajouter une note dans ${axisTitle}` }).click();
	await expect(page.getByRole('textbox', { name: 'Texte de la note' }).and(page.locator(':focus'))).toBeVisible();
	await page.keyboard.type(text);
}
