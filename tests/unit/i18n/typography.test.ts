/** The typography helpers: French spacing, plural categories, days in words. */
import { describe, expect, test } from 'vitest';
import { colon, countOf, formatDay, frenchSpacing, NBSP, NNBSP, pluralOf } from '../../../src/lib/i18n/typography';
import { englishSpacingFaults, frenchSpacingFaults } from './spacing-faults';

describe('spacing', () => {
	test('French puts a no-break space before : ; ? ! and inside « », English none', () => {
		expect(frenchSpacing('Phase : vote ; prêts ? « Oui » !')).toBe(`Phase${NBSP}: vote${NNBSP}; prêts${NNBSP}? «${NBSP}Oui${NBSP}»${NNBSP}!`);
		expect(colon('fr')).toBe(`${NBSP}: `);
		expect(colon('en')).toBe(': ');
	});

	test('addresses and times are left alone', () => {
		expect(frenchSpacing('http://trame.local à 10:30')).toBe('http://trame.local à 10:30');
	});

	test('the faults are found: a breaking space, or no space at all, in French; any space in English', () => {
		expect(frenchSpacingFaults('Phase : vote')).toEqual([' :']);
		expect(frenchSpacingFaults('Prêts? Oui!')).toEqual(['s?', 'i!']);
		expect(frenchSpacingFaults(frenchSpacing('Phase : vote « ok » ?'))).toEqual([]);
		expect(englishSpacingFaults(`Phase${NBSP}: Closed`)).toEqual([`${NBSP}:`]);
		expect(englishSpacingFaults('Phase: Closed')).toEqual([]);
	});
});

describe('plurals', () => {
	test('French counts 0 and 1 as singular, English only 1', () => {
		const vote = { one: 'vote', other: 'votes' };
		expect([0, 1, 2].map((n) => countOf('fr', n, vote))).toEqual(['0 vote', '1 vote', '2 votes']);
		expect([0, 1, 2].map((n) => countOf('en', n, vote))).toEqual(['0 votes', '1 vote', '2 votes']);
		expect(pluralOf('fr', 1)).toBe('one');
	});
});

describe('days', () => {
	test('the first of the month is « 1er » in French', () => {
		expect(formatDay(new Date('2026-12-01T12:00:00Z'), 'fr')).toBe('1er décembre 2026');
		expect(formatDay(new Date('2026-12-02T12:00:00Z'), 'fr')).toBe('2 décembre 2026');
		expect(formatDay(new Date('2026-12-01T12:00:00Z'), 'en')).toBe('December 1, 2026');
	});
});
