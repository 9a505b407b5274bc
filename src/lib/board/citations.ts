/**
 * Citations of notes in a synthesis text: `#` followed by the first five
 * characters of the note's id after its `n` (e.g. `#k3x9a`). Short enough to
 * type or read aloud, and unique enough on one board (36⁵ ≈ 60 million), so a
 * conclusion stays traceable to what participants wrote, even in exports.
 */
import type { Note } from './doc';

const PATTERN = /#([0-9a-z]{5})(?![0-9a-z])/g;

export function citationOf(noteId: string): string {
	return `#${noteId.slice(1, 6)}`;
}

export type Segment = { text: string } | { text: string; note: Note };

/** The text cut into plain parts and citations of notes that exist. */
export function splitCitations(text: string, notes: Note[]): Segment[] {
	const byCode = new Map(notes.map((note) => [note.id.slice(1, 6), note]));
	const segments: Segment[] = [];
	let last = 0;
	for (const match of text.matchAll(PATTERN)) {
		const note = byCode.get(match[1]);
		if (!note) continue;
		if (match.index > last) segments.push({ text: text.slice(last, match.index) });
		segments.push({ text: match[0], note });
		last = match.index + match[0].length;
	}
	if (last < text.length) segments.push({ text: text.slice(last) });
	return segments;
}

/** The notes a text cites, in order of first citation. */
export function citedNotes(text: string, notes: Note[]): Note[] {
	const cited = new Map<string, Note>();
	for (const segment of splitCitations(text, notes)) if ('note' in segment) cited.set(segment.note.id, segment.note);
	return [...cited.values()];
}
