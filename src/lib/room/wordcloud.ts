/**
 * Word counting for the live word clouds (issue 15), computed in the browser
 * from what it already holds; no text goes anywhere. French and English stop
 * words (`stopword`) are left out, words are grouped by a light stem
 * (`snowball-stemmers`, in the page's language) with accents folded, and each
 * group is shown under the form people wrote most. Hidden notes never count.
 * Heavy (the stemmer bundles its languages): import it dynamically, only
 * where a cloud is shown.
 */
import { eng, fra } from 'stopword';
import snowball from 'snowball-stemmers';
import type { Note } from '../board/doc';

export type CloudLang = 'fr' | 'en';

export interface CloudWord {
	/** The stem that groups the forms (accents folded): what a filter matches. */
	key: string;
	/** The form written most often. */
	word: string;
	/** Occurrences, all forms together. */
	count: number;
	/** Notes (or answers) the word appears in, each once. */
	sources: string[];
}

/** Frequent words of workshop notes that the packaged lists lack; a cloud of them says nothing. */
const EXTRA_STOP = ['plus', 'chaque', 'très', 'trop', 'faut', 'peut', 'peuvent', 'comme', 'aussi', 'tout', 'tous', 'toute', 'toutes', 'fait', 'faire', 'bien', 'sans', 'sous', 'cela', 'ça', 'ca', 'cette', 'ceux', 'donc', 'dont', 'où', 'quand', 'chez', 'entre', 'avoir', 'être', 'etc', 'y', 'il', 'elles', 'ils', 'nos', 'vos', 'leurs', 'via', 'also', 'just', 'can', 'like'];
const STOP = new Set([...fra, ...eng, ...EXTRA_STOP].flatMap((w) => [w.toLowerCase(), fold(w.toLowerCase())]));
/** Letters and digits, with inner apostrophes and hyphens (tiers-lieu, aujourd'hui). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** French elisions: l'école counts as école. */
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]/;

const stemmers = new Map<CloudLang, { stem(word: string): string }>();

function stemmer(lang: CloudLang) {
	let s = stemmers.get(lang);
	if (!s) stemmers.set(lang, (s = snowball.newStemmer(lang === 'fr' ? 'french' : 'english')));
	return s;
}

/** Without diacritics: énergie and energie are one word. */
function fold(word: string): string {
	return word.normalize('NFD').replace(/\p{M}/gu, '');
}

/** The words of a text that count, lower-cased, elisions and stop words removed. */
export function words(text: string): string[] {
	const out: string[] = [];
	for (const match of text.normalize('NFC').toLowerCase().matchAll(WORD)) {
		const word = match[0].replace(/’/g, "'").replace(ELISION, '');
		if (word.length < 2 || /^\p{N}+$/u.test(word) || STOP.has(word) || STOP.has(fold(word))) continue;
		out.push(word);
	}
	return out;
}

/** The grouping key of one word. */
export function keyOf(word: string, lang: CloudLang): string {
	return fold(stemmer(lang).stem(word));
}

/**
 * The words of a text with their keys, remembered per text: a cloud is counted
 * again at every change of the board, and stemming every word of 10,000 notes
 * each time froze the console (a third of a second per change); unchanged
 * notes are now looked up. Bounded: forgotten all at once past KEYED_TEXTS.
 */
const KEYED_TEXTS = 20_000;
const keyed = new Map<string, { word: string; key: string }[]>();
function keyedWords(text: string, lang: CloudLang): { word: string; key: string }[] {
	const id = `${lang}\u0000${text}`;
	let found = keyed.get(id);
	if (!found) {
		if (keyed.size >= KEYED_TEXTS) keyed.clear();
		keyed.set(id, (found = words(text).map((word) => ({ word, key: keyOf(word, lang) }))));
	}
	return found;
}

export interface Source {
	id: string;
	text: string;
}

/** The cloud of some texts, most frequent first (ties: alphabetical), at most `limit` words. */
export function countWords(sources: Source[], lang: CloudLang, limit = 60): CloudWord[] {
	const groups = new Map<string, { forms: Map<string, number>; count: number; sources: Set<string> }>();
	for (const source of sources) {
		for (const { word, key } of keyedWords(source.text, lang)) {
			let group = groups.get(key);
			if (!group) groups.set(key, (group = { forms: new Map(), count: 0, sources: new Set() }));
			group.forms.set(word, (group.forms.get(word) ?? 0) + 1);
			group.count++;
			group.sources.add(source.id);
		}
	}
	const cloud: CloudWord[] = [...groups].map(([key, g]) => ({ key, word: mostWritten(g.forms), count: g.count, sources: [...g.sources] }));
	return cloud.sort((a, b) => b.count - a.count || a.word.localeCompare(b.word)).slice(0, limit);
}

function mostWritten(forms: Map<string, number>): string {
	return [...forms].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || a[0].localeCompare(b[0]))[0][0];
}

/** The cloud of an axis' notes (all axes when null); hidden notes never count. */
export function cloudOfNotes(notes: Note[], axisId: string | null, lang: CloudLang, limit?: number): CloudWord[] {
	const shown = notes.filter((n) => !n.hidden && (axisId === null || n.axisId === axisId));
	return countWords(shown, lang, limit);
}

/** Does the text contain a word of this group? (The console's filter.) */
export function containsKey(text: string, key: string, lang: CloudLang): boolean {
	return keyedWords(text, lang).some((w) => w.key === key);
}
