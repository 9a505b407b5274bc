/**
 * The bars of the result charts (issue 15): votes per note and per group,
 * hands raised in the room included (doc.ts `allVotes`), hidden notes left
 * out. Pure, so the projector, the console and the printed report agree.
 */
import { allVotes, type Group, type Note } from '../board/doc';

export interface Bar {
	key: string;
	label: string;
	value: number;
}

/** A note's text on one line, cut to fit a chart's label. */
export function shortLabel(text: string, max = 90): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > max ? line.slice(0, max - 1).trimEnd() + '…' : line;
}

/** The most voted notes of an axis (all axes when null), most votes first. */
export function noteBars(notes: Note[], axisId: string | null, limit = 10): Bar[] {
	return notes
		.filter((n) => !n.hidden && (axisId === null || n.axisId === axisId))
		.map((n) => ({ key: n.id, label: shortLabel(n.text) || '…', value: allVotes(n), createdAt: n.createdAt }))
		.sort((a, b) => b.value - a.value || a.createdAt - b.createdAt)
		.slice(0, limit)
		.map(({ key, label, value }) => ({ key, label, value }));
}

/** Votes on each group's notes together, most first; groups of other axes left out. */
export function groupBars(notes: Note[], groups: Group[], axisId: string | null): Bar[] {
	return groups
		.filter((g) => axisId === null || g.axisId === axisId)
		.map((g) => ({
			key: g.id,
			label: g.title,
			value: notes.filter((n) => !n.hidden && n.groupId === g.id).reduce((sum, n) => sum + allVotes(n), 0)
		}))
		.sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}
