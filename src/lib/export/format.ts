/** Small formatting helpers shared by the exporters. */
import type { OutcomeNote } from './types';

/** `YYYY-MM-DD` of an instant in a time zone (the workshop's, not the server's). */
export function calendarDate(iso: string, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
		.formatToParts(new Date(iso));
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Most votes first; ties by age, then id, so every export of the same board agrees. */
export function byVotes(a: OutcomeNote, b: OutcomeNote): number {
	return b.votes - a.votes || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** A file name safe on every system: "Données & lieux" → "donnees-lieux". */
export function slug(title: string): string {
	const ascii = title.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
	return ascii.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'trame';
}
