/** The message catalogue (Paraglide, messages/*.json): French and English complete, and no component bypasses it. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const load = (lang: string): Record<string, string> => {
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(join(root, 'messages', `${lang}.json`), 'utf8'));
	return messages;
};

describe('message catalogue', () => {
	const fr = load('fr');
	const en = load('en');

	test('every key in French exists in English, and the reverse', () => {
		expect(Object.keys(en).filter((k) => !(k in fr)), 'keys missing in fr.json').toEqual([]);
		expect(Object.keys(fr).filter((k) => !(k in en)), 'keys missing in en.json').toEqual([]);
	});

	test('no message is empty, and both languages use the same placeholders', () => {
		const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const [key, text] of Object.entries(fr)) {
			expect(typeof text === 'string' && text.trim().length > 0, `fr ${key}`).toBe(true);
			expect(typeof en[key] === 'string' && en[key].trim().length > 0, `en ${key}`).toBe(true);
			expect(placeholders(en[key]), key).toEqual(placeholders(text));
		}
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
