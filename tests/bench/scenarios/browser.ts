/**
 * Scenario 5, Trame only (Hocuspocus has no UI): a participant opens a
 * 2,000-note board in headless Chromium; time until it is interactive (every
 * note rendered, connection online), then keystroke-to-paint in a note of
 * their own while 20 Node clients type into other notes.
 */
import { rmSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { noteText, notesOf } from '../../../src/lib/board/doc';
import { LIMITS } from '../../../src/lib/shared/limits';
import { connectMany, createBoard, destroyAll, type BenchClient } from '../clients';
import { startServer } from '../servers';
import { summarize, within } from '../stats';
import { seedThroughClient } from './seed';

const CHROMIUM = '/usr/bin/chromium';

export interface BrowserResult {
	notes: number;
	/** Navigation start until every note is on screen and the connection is online (ms). */
	interactiveMs: number;
	keystrokes: number;
	/** keydown until the next frame after it (ms). */
	paintP50: number;
	paintP99: number;
}

/** Installs, in the page, a recorder of keydown → next frame (rAF, then a task after it: the paint). */
async function recordKeystrokePaint(page: Page): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __paint: number[] };
		w.__paint = [];
		document.addEventListener('keydown', (event) => {
			const start = event.timeStamp;
			requestAnimationFrame(() => {
				const channel = new MessageChannel();
				channel.port1.onmessage = () => w.__paint.push(performance.now() - start);
				channel.port2.postMessage(null);
			});
		});
	});
}

/** 20 clients type, each into another seeded note, until `stop`. */
function typeElsewhere(clients: BenchClient[], rate: number): () => void {
	const timers = clients.map((client, i) => {
		const ids = [...notesOf(client.doc).keys()];
		const text = noteText(client.doc, ids[(i * 97) % ids.length]);
		return setInterval(() => text?.insert(text.length, 'x'), 1000 / rate);
	});
	return () => timers.forEach(clearInterval);
}

export async function browserScenario(notes: number, editors: number, keystrokes: number): Promise<BrowserResult> {
	const server = await startServer('trame');
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
	const clients: BenchClient[] = [];
	try {
		const board = await createBoard(server, 'browser');
		// A full board refuses the participant's note: at the limit, the board is seeded one short and their note is the last.
		const seeded = Math.min(notes, LIMITS.notesPerBoard - 1);
		await seedThroughClient(server, board, seeded);
		const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
		// A returning participant: their name is remembered, so the board opens directly.
		await context.addInitScript(() => localStorage.setItem('trame:name', 'Bench'));
		const page = await context.newPage();
		await page.goto(`http://127.0.0.1:${server.port}/b/${board.id}?token=${board.token}`);
		// Interactive: online, every note counted in the axis tabs, and the notes on screen drawn
		// (past VIRTUAL_FROM per list, only those on screen are in the page).
		const interactive = await page.waitForFunction(
			(n) => {
				const counted = [...document.querySelectorAll('.tabs .n')].reduce((sum, el) => sum + Number(el.textContent), 0);
				return counted >= n && document.querySelectorAll('article[data-note-id]').length >= Math.min(n, 6) &&
					document.querySelector('[role="status"].online') !== null && performance.now();
			},
			seeded, { timeout: 120_000, polling: 'raf' }
		);
		const interactiveMs = (await interactive.jsonValue()) as number;
		// A CSS locator: role queries walk the accessibility tree of 2,000 notes.
		await page.locator('button[aria-label="Ajouter une note dans Lieux"]').click();
		await page.waitForFunction(() => document.activeElement instanceof HTMLTextAreaElement);
		clients.push(...(await connectMany(server, board, editors)));
		const stop = typeElsewhere(clients, 5);
		await recordKeystrokePaint(page);
		await page.keyboard.type('a'.repeat(keystrokes), { delay: 100 });
		await within(page.waitForFunction((k) => (window as unknown as { __paint: number[] }).__paint.length >= k, keystrokes), 30_000, 'paints');
		stop();
		const paints = (await page.evaluate(() => (window as unknown as { __paint: number[] }).__paint)) as number[];
		const { p50, p99 } = summarize(paints);
		return { notes, interactiveMs, keystrokes: paints.length, paintP50: p50, paintP99: p99 };
	} finally {
		destroyAll(clients);
		await browser.close();
		await server.stop();
		rmSync(server.dataDir, { recursive: true, force: true });
	}
}
