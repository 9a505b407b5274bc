import { m } from '$lib/paraglide/messages.js';

/** A note's text cut short, to name it in a button's label ("Voter pour « … »"). */
export function shortText(text: string, max = 40): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (!flat) return m.outline_empty_note();
	return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
