/** The message catalogue (Paraglide, messages/*.json): French and English complete, and no component bypasses it. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { englishSpacingFaults, frenchSpacingFaults } from './spacing-faults';

const root = join(import.meta.dirname, '../../..');
/** A message is a text, or (plurals) an array of variant sets: `[{ declarations, selectors, match }]`. */
type Variants = { declarations: string[]; selectors: string[]; match: Record<string, string> }[];
const load = (lang: string): Record<string, string | Variants> => {
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(join(root, 'messages', `${lang}.json`), 'utf8'));
	return messages;
};
/** Every text a message can show (each variant of a plural). */
const textsOf = (message: string | Variants | undefined): string[] =>
	typeof message === 'string' ? [message] : Array.isArray(message) ? message.flatMap((v) => Object.values(v.match)) : [];
/** The inputs a message takes: its {placeholders}, less the locals a plural declares. */
const inputsOf = (message: string | Variants): string[] => {
	const locals = new Set(textsOf(message).length && Array.isArray(message) ? message.flatMap((v) => v.declarations.flatMap((d) => d.match(/^local (\w+)/)?.[1] ?? [])) : []);
	const names = textsOf(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
	return [...new Set(names)].filter((n) => !locals.has(n)).sort();
};

describe('message catalogue', () => {
	const fr = load('fr');
	const en = load('en');

	test('every key in French exists in English, and the reverse', () => {
		expect(Object.keys(en).filter((k) => !(k in fr)), 'keys missing in fr.json').toEqual([]);
		expect(Object.keys(fr).filter((k) => !(k in en)), 'keys missing in en.json').toEqual([]);
	});

	test('no message is empty, and both languages use the same placeholders', () => {
		for (const [key, message] of Object.entries(fr)) {
			expect(textsOf(message).length > 0 && textsOf(message).every((t) => t.trim().length > 0), `fr ${key}`).toBe(true);
			expect(textsOf(en[key]).length > 0 && textsOf(en[key]).every((t) => t.trim().length > 0), `en ${key}`).toBe(true);
			expect(inputsOf(en[key]), key).toEqual(inputsOf(message));
		}
	});

	test('counts go through the plural rules, never « vote(s) »', () => {
		for (const [lang, messages] of [['fr', fr], ['en', en]] as const) {
			const bad = Object.entries(messages).filter(([, m]) => textsOf(m).some((t) => /\p{L}\(s\)/u.test(t.replace('commun(s)', ''))));
			expect(bad.map(([key]) => `${lang} ${key}`)).toEqual([]);
		}
		for (const key of ['note_count', 'votes_count', 'event_axis_counts']) {
			expect(Array.isArray(fr[key]) && Array.isArray(en[key]), key).toBe(true);
		}
	});

	test('French spacing in French (no-break spaces before : ; ? ! and inside « »), none in English', () => {
		const faults = (lang: string, messages: typeof fr, find: (t: string) => string[]) =>
			Object.entries(messages).flatMap(([key, m]) => textsOf(m).flatMap(find).map((f) => `${lang} ${key}: "${f}"`));
		expect(faults('fr', fr, frenchSpacingFaults)).toEqual([]);
		// The "?" key is named in the list of one-key shortcuts: not punctuation.
		const { shortcut_single_keys: _keys, ...english } = en;
		expect(faults('en', english, englishSpacingFaults)).toEqual([]);
	});
});

function svelteFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'paraglide' ? [] : svelteFiles(path);
		return name.endsWith('.svelte') ? [path] : [];
	});
}

/** Removes `{…}` expressions (nested braces included), which may hold `<` or `>` themselves. */
function withoutExpressions(markup: string): string {
	let depth = 0;
	let out = '';
	for (const ch of markup) {
		if (ch === '{') depth++;
		else if (ch === '}') depth = Math.max(0, depth - 1);
		else if (depth === 0) out += ch;
	}
	return out;
}

/** Text between tags, outside <script> and <style>, with `{…}` expressions and comments removed. */
export function literalTexts(source: string): string[] {
	const markup = source
		.replace(/<script[\s\S]*?<\/script>/g, '')
		.replace(/<style[\s\S]*?<\/style>/g, '')
		.replace(/<!--[\s\S]*?-->/g, '');
	return [...withoutExpressions(markup).matchAll(/>([^<>]*)</g)].map((m) => m[1].trim()).filter((text) => /\p{L}/u.test(text));
}

describe('components', () => {
	test('the scan finds a literal and ignores expressions and symbols', () => {
		expect(literalTexts('<p>Bonjour</p>')).toEqual(['Bonjour']);
		expect(literalTexts('<p>{m.hello()} ✕ +1 {#if a > b}<b>{x}</b>{/if}</p>')).toEqual([]);
	});

	test('no .svelte file under src/ holds a user-facing literal: every word goes through m.*', () => {
		const found = svelteFiles(join(root, 'src')).flatMap((file) =>
			literalTexts(readFileSync(file, 'utf8')).map((text) => `${relative(root, file)}: ${text}`)
		);
		expect(found).toEqual([]);
	});
});
