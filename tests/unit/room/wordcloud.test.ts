import { describe, expect, test } from 'vitest';
import type { Note } from '../../../src/lib/board/doc';
import { cloudOfNotes, containsKey, countWords, words } from '../../../src/lib/room/wordcloud';

function note(id: string, text: string, extra: Partial<Note> = {}): Note {
	return { id, axisId: 'lieux', text, authorId: 'a', color: 'yellow', createdAt: 1, votes: {}, ...extra };
}

describe('word cloud counting', () => {
	test('French and English stop words are left out, elisions removed', () => {
		expect(words("Les données de l'école et the data of the library")).toEqual(['données', 'école', 'data', 'library']);
	});

	test('light stemming groups plural and singular under the form written most', () => {
		const cloud = countWords([note('n1', 'Une bibliothèque ouverte'), note('n2', 'Des bibliothèques ouvertes'), note('n3', 'La bibliothèque du quartier')], 'fr');
		expect(cloud[0]).toMatchObject({ word: 'bibliothèque', count: 3, sources: ['n1', 'n2', 'n3'] });
		expect(cloud.find((w) => w.word.startsWith('ouvert'))?.count).toBe(2);
	});

	test('English stemming in English', () => {
		const cloud = countWords([note('n1', 'libraries and library'), note('n2', 'open places, a place')], 'en');
		expect(cloud.map((w) => [w.word, w.count])).toEqual([['library', 2], ['place', 2], ['open', 1]]);
	});

	test('accents: words are not cut at accented letters, and accented or not they are one word', () => {
		expect(words('Numérique, énergie; ÉNERGIE')).toEqual(['numérique', 'énergie', 'énergie']);
		const cloud = countWords([note('n1', 'énergie'), note('n2', 'energie'), note('n3', 'Énergie')], 'fr');
		expect(cloud).toHaveLength(1);
		expect(cloud[0]).toMatchObject({ word: 'énergie', count: 3 });
	});

	test('hidden notes never count, and an axis cloud counts only its axis', () => {
		const notes = [note('n1', 'communs numériques'), note('n2', 'secret caché', { hidden: true }), note('n3', 'communs', { axisId: 'communs' })];
		const all = cloudOfNotes(notes, null, 'fr');
		expect(all.map((w) => w.word)).toEqual(['communs', 'numériques']);
		expect(all[0].count).toBe(2);
		expect(cloudOfNotes(notes, 'lieux', 'fr').find((w) => w.word === 'communs')?.count).toBe(1);
		expect(all.some((w) => w.word === 'secret')).toBe(false);
	});

	test('the filter finds every note with a form of the word', () => {
		const [top] = countWords([note('n1', 'Tiers-lieux solidaires'), note('n2', 'des tiers-lieux')], 'fr');
		expect(top.word).toBe('tiers-lieux');
		expect(containsKey('Le Tiers-Lieux du coin', top.key, 'fr')).toBe(true);
		expect(containsKey('Une médiathèque', top.key, 'fr')).toBe(false);
	});
});
