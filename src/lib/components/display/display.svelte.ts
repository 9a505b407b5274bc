/**
 * This person's display choices: columns or outline, a highly legible font,
 * larger text. Remembered in localStorage (a screen reader cannot be detected,
 * so the choice of the outline has to be the person's, and has to stick).
 * The root layout makes one, applies it to <html> and puts it in context.
 */
import { createContext } from 'svelte';

export type BoardView = 'columns' | 'outline';

const STORAGE_KEY = 'trame:display';

interface Saved {
	view: BoardView;
	legibleFont: boolean;
	largeText: boolean;
	/** Single-key shortcuts can be turned off (WCAG 2.1.4: speech input types letters). */
	singleKeys: boolean;
}

const DEFAULTS: Saved = { view: 'columns', legibleFont: false, largeText: false, singleKeys: true };

export class Display {
	#saved = $state<Saved>({ ...DEFAULTS });

	get view(): BoardView {
		return this.#saved.view;
	}
	set view(view: BoardView) {
		this.#save({ view });
	}

	get legibleFont(): boolean {
		return this.#saved.legibleFont;
	}
	set legibleFont(on: boolean) {
		this.#save({ legibleFont: on });
	}

	get largeText(): boolean {
		return this.#saved.largeText;
	}
	set largeText(on: boolean) {
		this.#save({ largeText: on });
	}

	get singleKeys(): boolean {
		return this.#saved.singleKeys;
	}
	set singleKeys(on: boolean) {
		this.#save({ singleKeys: on });
	}

	/** Reads the saved choices (browser only: the server renders the defaults). */
	load(): void {
		try {
			const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
			const saved = (raw && typeof raw === 'object' ? raw : {}) as Partial<Saved>;
			this.#saved = {
				view: saved.view === 'outline' ? 'outline' : 'columns',
				legibleFont: saved.legibleFont === true,
				largeText: saved.largeText === true,
				singleKeys: saved.singleKeys !== false
			};
		} catch {
			this.#saved = { ...DEFAULTS };
		}
	}

	#save(change: Partial<Saved>): void {
		this.#saved = { ...this.#saved, ...change };
		try {
			localStorage.setItem(STORAGE_KEY, JSON.stringify(this.#saved));
		} catch {
			// Private browsing may refuse storage: the choice then lasts for this page only.
		}
	}
}

export const [getDisplay, setDisplay] = createContext<Display>();
