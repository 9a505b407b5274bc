/**
 * The small rules of written French and English that string concatenation
 * gets wrong: spacing around punctuation, plurals, day names. The catalogue
 * (messages/*.json) is written with them; these helpers serve the texts built
 * in code (labels, exports, templates).
 */
export type Locale = 'fr' | 'en';

/** No-break space: before « : » and inside « guillemets » (Imprimerie nationale). */
export const NBSP = '\u00a0';
/** Narrow no-break space: before « ; ? ! ». */
export const NNBSP = '\u202f';

/** Between a label and its value: « Phase : Vote » in French, "Phase: Vote" in English. */
export function colon(locale: Locale): string {
	return locale === 'fr' ? `${NBSP}: ` : ': ';
}

/**
 * French spacing for a text: the plain space before « : ; ? ! » and inside
 * « » becomes no-break, so a line never starts with a colon or a lone ».
 * Only where a space is already written: "http://" or "10:30" stay as they are.
 */
export function frenchSpacing(text: string): string {
	return text
		.replace(/ :/g, `${NBSP}:`)
		.replace(/ ([;?!])/g, `${NNBSP}$1`)
		.replace(/« /g, `«${NBSP}`)
		.replace(/ »/g, `${NBSP}»`);
}

/** The plural category of `count` (French: 0 and 1 are singular; English: only 1). */
export function pluralOf(locale: Locale, count: number): Intl.LDMLPluralRule {
	return new Intl.PluralRules(locale).select(count);
}

/** "1 vote", "2 votes", "0 vote" in French, "0 votes" in English. */
export function countOf(locale: Locale, count: number, forms: { one: string; other: string }): string {
	return `${count} ${pluralOf(locale, count) === 'one' ? forms.one : forms.other}`;
}

/**
 * A calendar day in words: « 1er décembre 2026 » (French writes the first
 * of the month as an ordinal), "December 1, 2026".
 */
export function formatDay(date: Date, locale: Locale, timeZone = 'UTC'): string {
	const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone }).formatToParts(date);
	return parts.map((p) => (locale === 'fr' && p.type === 'day' && p.value === '1' ? '1er' : p.value)).join('');
}
