import { tick } from 'svelte';

/**
 * What the board's keyboard shortcuts do, on the page's own controls: they
 * find them by data attributes shared by the columns and the outline
 * (`data-axis`, `data-axis-heading`, `data-add-note`), and click or focus them,
 * so a shortcut never does anything a visible control cannot.
 */

/** True when the key goes to a field being typed in: shortcuts then stay silent. */
export function isTyping(target: EventTarget | null): boolean {
	return target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])') !== null;
}

function visible(el: Element): boolean {
	return el instanceof HTMLElement && el.offsetParent !== null;
}

/** The axis the focus is in, else the first one on screen (on a phone: the open tab). */
function currentAxis(): HTMLElement | null {
	const focused = document.activeElement?.closest<HTMLElement>('[data-axis]');
	if (focused) return focused;
	return [...document.querySelectorAll<HTMLElement>('[data-axis]')].find(visible) ?? null;
}

/** Clicks "Ajouter une note" of the current axis; false when there is none (phase, role). */
export function newNoteHere(): boolean {
	const button = currentAxis()?.querySelector<HTMLButtonElement>('[data-add-note]');
	if (!button || button.disabled) return false;
	button.click();
	return true;
}

/** Opens the n-th axis (0-based): its phone tab if tabs show, then focuses its heading. */
export async function goToAxis(index: number): Promise<boolean> {
	const tab = document.querySelectorAll<HTMLButtonElement>('nav.tabs button')[index];
	if (tab && visible(tab)) tab.click();
	await tick(); // the tab's column renders before its heading can take the focus
	const heading = document.querySelectorAll<HTMLElement>('[data-axis-heading]')[index];
	if (!heading) return false;
	heading.focus();
	heading.scrollIntoView({ block: 'nearest' });
	return true;
}
