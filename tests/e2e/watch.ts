/**
 * What went wrong in the browsers during a journey: console errors, uncaught
 * exceptions, failed requests and error responses, and how often each page
 * opened each websocket (a refused socket retried in a loop shows up here).
 * Each person's page is watched from before it loads; `problems()` lists what
 * was not expected, and a journey asserts it is empty.
 */
import { expect, type Browser, type Page } from '@playwright/test';

/** Something that is allowed to show up, and why (kept explicit, one line each). */
export interface Expected {
	/** Who may show it (the name given to `open`), or '*' for any page. */
	who: string;
	match: RegExp;
	reason: string;
}

interface Watched {
	who: string;
	page: Page;
	/** Websocket opens per path (`/yjs/<id>/private`…), across reloads. */
	sockets: Map<string, number>;
	/** Page loads (the first one and every reload). */
	loads: number;
}

const VIEWPORTS = {
	laptop: { width: 1280, height: 800 },
	phone: { width: 390, height: 844 },
	projector: { width: 1920, height: 1080 }
} as const;
export type Device = keyof typeof VIEWPORTS;

export class Watch {
	#pages: Watched[] = [];
	#problems: string[] = [];
	#expected: Expected[];

	constructor(expected: Expected[] = []) {
		this.#expected = expected;
	}

	/** Opens `url` for `who` in a browser context of its own (French), watched from the first request. */
	async open(browser: Browser, who: string, url: string, device: Device = 'laptop', before?: (page: Page) => Promise<void>): Promise<Page> {
		const context = await browser.newContext({ locale: 'fr-FR', viewport: VIEWPORTS[device], hasTouch: device === 'phone' });
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		const page = await context.newPage();
		const watched: Watched = { who, page, sockets: new Map(), loads: 0 };
		this.#pages.push(watched);
		const note = (what: string) => this.#note(who, what);
		page.on('console', (message) => {
			if (message.type() === 'error') note(`console error: ${message.text()}`);
		});
		page.on('pageerror', (error) => note(`uncaught: ${error.message}`));
		page.on('requestfailed', (request) => {
			const failure = request.failure()?.errorText ?? '';
			// A reload or a navigation cancels what the old page still had in flight: not a failure.
			if (failure === 'net::ERR_ABORTED') return;
			note(`request failed: ${request.method()} ${path(request.url())} ${failure}`);
		});
		page.on('response', (response) => {
			if (response.status() >= 400) note(`HTTP ${response.status()}: ${response.request().method()} ${path(response.url())}`);
		});
		page.on('websocket', (socket) => {
			const key = new URL(socket.url()).pathname;
			watched.sockets.set(key, (watched.sockets.get(key) ?? 0) + 1);
		});
		page.on('load', () => watched.loads++);
		await before?.(page);
		await page.goto(url);
		await hydrated(page);
		return page;
	}

	/** Opens the participant link and picks a display name. */
	async join(browser: Browser, who: string, url: string, device: Device = 'laptop', before?: (page: Page) => Promise<void>): Promise<Page> {
		const page = await this.open(browser, who, url, device, before);
		await page.getByLabel('Votre prénom ou un pseudo').fill(who);
		await page.getByRole('button', { name: "Entrer dans l'atelier" }).click();
		await expect(online(page)).toHaveText(/En ligne/);
		return page;
	}

	/** How many times `who`'s page opened a websocket whose path contains `part`, and how many loads it had. */
	socketOpens(who: string, part: string): { opens: number; loads: number } {
		const watched = this.#pages.find((w) => w.who === who);
		if (!watched) throw new Error(`nobody called ${who}`);
		const opens = [...watched.sockets].filter(([p]) => p.includes(part)).reduce((n, [, count]) => n + count, 0);
		return { opens, loads: watched.loads };
	}

	/** What showed up that nobody expected. */
	problems(): string[] {
		return this.#problems;
	}

	async close(): Promise<void> {
		for (const { page } of this.#pages) await page.context().close();
	}

	#note(who: string, what: string): void {
		const line = `${who}: ${what}`;
		if (this.#expected.some((e) => (e.who === '*' || e.who === who) && e.match.test(line))) return;
		this.#problems.push(line);
	}
}

/** The path of a URL without its query (tokens and keys stay out of test output). */
function path(url: string): string {
	return new URL(url).pathname;
}

export async function hydrated(page: Page): Promise<void> {
	await page.locator('body[data-hydrated]').waitFor({ state: 'attached' });
}

/** The connection status of a page ("En ligne", "Déconnecté"…). */
export function online(page: Page) {
	return page.getByRole('status', { name: 'État de la connexion' });
}
