/**
 * The console's word filter: a word picked in the word cloud shows only the
 * notes that contain it, in the columns and in the synthesis editor's list of
 * notes to cite. The facilitator's page puts one in context; other pages have
 * none (`findWordFilter` is then undefined). The matcher comes from the cloud,
 * so this file stays free of the stemmer.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('word-filter');

export class WordFilter {
	/** The word as shown; '' when no filter is on. */
	word = $state('');
	#matches = $state<((text: string) => boolean) | null>(null);

	get active(): boolean {
		return this.#matches !== null;
	}

	set(word: string, matches: (text: string) => boolean): void {
		this.word = word;
		this.#matches = matches;
	}

	clear(): void {
		this.word = '';
		this.#matches = null;
	}

	/** True when no filter is on, or the text contains the word. */
	keeps(text: string): boolean {
		return this.#matches ? this.#matches(text) : true;
	}
}

export function provideWordFilter(): WordFilter {
	return setContext(KEY, new WordFilter());
}

export function findWordFilter(): WordFilter | undefined {
	return getContext<WordFilter | undefined>(KEY);
}
