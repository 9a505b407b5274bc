/** Steps shared by the outcome journeys (exports, report, events, licence, privacy). */
import { expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** The token of a link (`/b/<id>/admin?token=…`). */
export function tokenOf(link: string): string {
	return new URL(link, 'http://x').searchParams.get('token') ?? '';
}

/** Waits until the server's export of a board holds `text` (the participant's typing has been stored). */
export async function waitForStored(page: Page, boardId: string, organiserLink: string, text: string): Promise<void> {
	await expect
		.poll(async () => {
			const response = await page.request.get(`/api/boards/${boardId}/export?format=json`, {
				headers: { authorization: `Bearer ${tokenOf(organiserLink)}` }
			});
			return response.text();
		})
		.toContain(JSON.stringify(text).slice(1, -1));
}

/** Clicks a download button and returns the saved file's name and bytes as UTF-8 text (a BOM kept). */
export async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
	return { name: (file as Download).suggestedFilename(), text: (await readFile((await file.path())!)).toString('utf8') };
}
