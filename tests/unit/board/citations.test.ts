import { describe, expect, it } from 'vitest';
import { citationOf, citedNotes, splitCitations } from '../../../src/lib/board/citations';
import type { Note } from '../../../src/lib/board/doc';

const note = (id: string, text: string): Note => ({ id, text, axisId: 'lieux', authorId: 'a', color: 'yellow', createdAt: 0, votes: {} });
const notes = [note('nk3x9a0000000000', 'Ouvrir le dimanche'), note('nz1y2b0000000000', 'Former les agents')];

describe('citations in a synthesis stay linked to their notes', () => {
	it('cites a note by # and five characters of its id', () => {
		expect(citationOf('nk3x9a0000000000')).toBe('#k3x9a');
	});
	it('splits a synthesis into text and cited notes', () => {
		const segments = splitCitations('Priorité #k3x9a, puis #z1y2b.', notes);
		expect(segments).toEqual([
			{ text: 'Priorité ' },
			{ text: '#k3x9a', note: notes[0] },
			{ text: ', puis ' },
			{ text: '#z1y2b', note: notes[1] },
			{ text: '.' }
		]);
	});
	it('leaves unknown codes, hashtags and longer words as plain text', () => {
		expect(citedNotes('#zzzzz #communs #k3x9abc', notes)).toEqual([]);
	});
	it('lists each cited note once, in order of first citation', () => {
		expect(citedNotes('#z1y2b et #k3x9a et encore #z1y2b', notes).map((n) => n.text)).toEqual(['Former les agents', 'Ouvrir le dimanche']);
	});
});
