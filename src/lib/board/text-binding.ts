/**
 * Binds a <textarea> to a note's Y.Text so that two people typing in the same
 * note both keep their text: local input becomes the smallest insert/delete
 * (common prefix and suffix kept), and remote changes are applied to the field
 * while the caret stays where the user put it (positions shifted by the delta).
 */
import * as Y from 'yjs';
import { noteText } from './doc';

export interface TextBinding {
	destroy(): void;
}

/** The edit turning `before` into `after`: delete `remove` chars at `index`, then insert `insert`. */
export function diffText(before: string, after: string): { index: number; remove: number; insert: string } {
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before[start] === after[start]) start++;
	let end = 0;
	while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
	return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

/** Where a position ends up after a Yjs delta (inserts at the caret push it right). */
export function shiftPosition(position: number, delta: Y.YTextEvent['delta']): number {
	let cursor = 0;
	let shifted = position;
	for (const op of delta) {
		if (op.retain !== undefined) cursor += op.retain;
		else if (typeof op.insert === 'string') {
			if (cursor <= position) shifted += op.insert.length;
			cursor += op.insert.length;
		} else if (op.delete !== undefined) {
			if (cursor < position) shifted -= Math.min(op.delete, position - cursor);
		}
		if (cursor > position) break;
	}
	return Math.max(0, shifted);
}

export function bindText(doc: Y.Doc, noteId: string, field: HTMLTextAreaElement): TextBinding | null {
	const text = noteText(doc, noteId);
	if (!text) return null;
	const origin = Symbol('textarea');
	let known = text.toString();
	field.value = known;

	const onInput = () => {
		const { index, remove, insert } = diffText(known, field.value);
		known = field.value;
		doc.transact(() => {
			if (remove > 0) text.delete(index, remove);
			if (insert) text.insert(index, insert);
		}, origin);
	};
	const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
		if (tr.origin === origin) return;
		const focused = document.activeElement === field;
		const start = shiftPosition(field.selectionStart, event.delta);
		const end = shiftPosition(field.selectionEnd, event.delta);
		known = text.toString();
		field.value = known;
		if (focused) field.setSelectionRange(start, end);
	};
	field.addEventListener('input', onInput);
	text.observe(onChange);
	return {
		destroy() {
			field.removeEventListener('input', onInput);
			text.unobserve(onChange);
		}
	};
}
