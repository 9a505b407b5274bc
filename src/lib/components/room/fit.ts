/**
 * An attachment that keeps a picture inside its box on the projector: it
 * lowers the CSS variable `--fit` (which the picture's sizes multiply) until
 * nothing overflows, again whenever the content or the screen changes. Big
 * type from the back of the room, and never a word cut off at 1280×720.
 */
export function fitToBox(node: HTMLElement): () => void {
	let frame = 0;
	const run = () => {
		cancelAnimationFrame(frame);
		frame = requestAnimationFrame(() => {
			let fit = 1;
			node.style.setProperty('--fit', '1');
			while (fit > 0.3 && (node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1)) {
				fit -= 0.05;
				node.style.setProperty('--fit', fit.toFixed(2));
			}
		});
	};
	const resize = new ResizeObserver(run);
	resize.observe(node);
	const mutations = new MutationObserver(run);
	mutations.observe(node, { childList: true, subtree: true, characterData: true });
	run();
	return () => {
		cancelAnimationFrame(frame);
		resize.disconnect();
		mutations.disconnect();
	};
}
