import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, shiftPosition } from '../../../src/lib/board/text-binding';

/** Applies a remote edit to a Y.Text and returns the delta the binding would see. */
function deltaOf(initial: string, edit: (text: Y.Text) => void): Y.YTextEvent['delta'] {
	const doc = new Y.Doc();
	const text = doc.getText('t');
	text.insert(0, initial);
	let delta: Y.YTextEvent['delta'] = [];
	text.observe((event) => (delta = event.delta));
	edit(text);
	return delta;
}

describe('diffText: a keystroke becomes the smallest edit, so concurrent typists keep their text', () => {
	it('finds an insertion in the middle', () => {
		expect(diffText('Une idée', 'Une bonne idée')).toEqual({ index: 4, remove: 0, insert: 'bonne ' });
	});
	it('finds a deletion and a replacement', () => {
		expect(diffText('abcdef', 'abef')).toEqual({ index: 2, remove: 2, insert: '' });
		expect(diffText('chat', 'chien')).toEqual({ index: 2, remove: 2, insert: 'ien' });
	});
	it('handles repeated letters without deleting more than needed', () => {
		expect(diffText('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
	});
	it('handles emoji and right-to-left text as text', () => {
		const { index, remove, insert } = diffText('مرحبا 👋', 'مرحبا 👋 !');
		expect('مرحبا 👋'.slice(0, index) + insert + 'مرحبا 👋'.slice(index + remove)).toBe('مرحبا 👋 !');
	});
});

describe('shiftPosition: the caret stays where the user put it when others type', () => {
	it('moves right when someone types before the caret', () => {
		expect(shiftPosition(5, deltaOf('hello world', (t) => t.insert(0, '>> ')))).toBe(8);
	});
	it('stays when someone types after the caret', () => {
		expect(shiftPosition(5, deltaOf('hello world', (t) => t.insert(8, 'XX')))).toBe(5);
	});
	it('moves left when text before the caret is deleted, never below the deletion start', () => {
		expect(shiftPosition(8, deltaOf('hello world', (t) => t.delete(0, 6)))).toBe(2);
		expect(shiftPosition(3, deltaOf('hello world', (t) => t.delete(1, 6)))).toBe(1);
	});
});
