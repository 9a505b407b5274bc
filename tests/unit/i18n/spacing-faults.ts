/** What the catalogue's test looks for: French spacing faults, and French spacing in English. */

/** Where `text` breaks the French spacing rules (a breaking space, or none at all). */
export function frenchSpacingFaults(text: string): string[] {
	const faults = [...text.matchAll(/ [:;?!»]|« /g)].map((m) => m[0]);
	// A French colon, question or exclamation mark needs a space of some kind before it.
	const glued = [...text.matchAll(/[\p{L}\p{N})»}](?:[;?!]|:(?= ))/gu)].map((m) => m[0]);
	return [...faults, ...glued];
}

/** Where `text` has French spacing in English (a space before « : ; ? ! »). */
export function englishSpacingFaults(text: string): string[] {
	return [...text.matchAll(/[ \u00a0\u202f][:;?!]/g)].map((m) => m[0]);
}
