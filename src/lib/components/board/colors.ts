import { m } from '$lib/paraglide/messages.js';
import type { NoteColor } from '$lib/board/doc';

// Colours are named in the UI (never the only cue), translated like any other string.
const NAMES: Record<NoteColor, () => string> = {
	yellow: m.color_yellow,
	pink: m.color_pink,
	blue: m.color_blue,
	green: m.color_green,
	orange: m.color_orange,
	purple: m.color_purple
};

export function colorName(color: NoteColor): string {
	return NAMES[color]();
}
