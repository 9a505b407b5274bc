/**
 * Runs `run` at most once per animation frame, however often it is requested
 * in between: remote changes arriving by the hundred a second re-render once
 * per frame. A hidden tab gets no frames, so there it runs after a short timer.
 */
export function oncePerFrame(run: () => void): { request(): void; cancel(): void } {
	let frame: number | null = null;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const fire = () => {
		cancel();
		run();
	};
	function cancel(): void {
		if (frame !== null) cancelAnimationFrame(frame);
		if (timer !== null) clearTimeout(timer);
		frame = timer = null;
	}
	return {
		request() {
			if (frame !== null || timer !== null) return;
			if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible') frame = requestAnimationFrame(fire);
			else timer = setTimeout(fire, 50);
		},
		cancel
	};
}
