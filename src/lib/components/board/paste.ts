/**
 * A field's `maxlength` cuts a long paste without a word: this tells whether
 * the paste about to happen will be cut, so the page can say so.
 */
export function pasteWillBeCut(event: ClipboardEvent, max: number): boolean {
	const field = event.currentTarget as HTMLTextAreaElement | HTMLInputElement;
	const pasted = event.clipboardData?.getData('text/plain') ?? '';
	const kept = field.value.length - ((field.selectionEnd ?? 0) - (field.selectionStart ?? 0));
	return kept + pasted.length > max;
}
