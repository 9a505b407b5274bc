/**
 * An event's outcomes seen axis by axis across its workshops (the event
 * page's synthesis view). Workshops have their own axes; axes with the same
 * title (ignoring case and spaces around) are gathered together.
 */
import { byVotes } from './format';
import type { Outcome, OutcomeNote } from './types';

export interface GatheredNote extends OutcomeNote {
	boardTitle: string;
}

export interface GatheredAxis {
	title: string;
	/** Workshops that have this axis. */
	workshops: number;
	/** Non-empty syntheses, one per workshop, in the workshops' order. */
	syntheses: { boardId: string; boardTitle: string; text: string }[];
	groups: { id: string; boardTitle: string; title: string; notes: number }[];
	/** Every note, most votes first. */
	notes: GatheredNote[];
}

const keyOf = (title: string) => title.trim().toLocaleLowerCase('fr');

export function gatherByAxis(outcome: Outcome): GatheredAxis[] {
	const axes = new Map<string, GatheredAxis>();
	for (const board of outcome.boards) {
		for (const axis of board.axes) {
			const key = keyOf(axis.title);
			let gathered = axes.get(key);
			if (!gathered) axes.set(key, (gathered = { title: axis.title.trim(), workshops: 0, syntheses: [], groups: [], notes: [] }));
			gathered.workshops += 1;
			if (axis.synthesis.trim()) gathered.syntheses.push({ boardId: board.id, boardTitle: board.title, text: axis.synthesis.trim() });
			const notes = board.notes.filter((n) => n.axisId === axis.id);
			for (const group of board.groups.filter((g) => g.axisId === axis.id)) {
				const count = notes.filter((n) => n.groupId === group.id).length;
				gathered.groups.push({ id: `${board.id}/${group.id}`, boardTitle: board.title, title: group.title, notes: count });
			}
			gathered.notes.push(...notes.map((note) => ({ ...note, boardTitle: board.title })));
		}
	}
	for (const gathered of axes.values()) gathered.notes.sort(byVotes);
	return [...axes.values()];
}
