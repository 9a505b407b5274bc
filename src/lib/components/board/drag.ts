/**
 * Drag and drop for grouping (a shortcut for mouse and touchpad users; the
 * "Groupe" menu on each note does the same from the keyboard). The dragged
 * note's id travels in the drag data under Trame's own type.
 */
const TYPE = 'application/x-trame-note';

export function startDrag(event: DragEvent, noteId: string): void {
	event.dataTransfer?.setData(TYPE, noteId);
	if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
}

/** Lets a note be dropped here (call from dragover). */
export function allowDrop(event: DragEvent): void {
	if (event.dataTransfer?.types.includes(TYPE)) {
		event.preventDefault();
		event.dataTransfer.dropEffect = 'move';
	}
}

/** The dropped note's id, or null if what was dropped is not a note. */
export function droppedNote(event: DragEvent): string | null {
	const id = event.dataTransfer?.getData(TYPE) || null;
	if (id) {
		event.preventDefault();
		event.stopPropagation(); // the innermost target (a note inside a group) decides
	}
	return id;
}
