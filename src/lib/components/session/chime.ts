/** A short, soft two-note chime made with WebAudio: no sound file to download. */
export function chime(): void {
	try {
		const audio = new AudioContext();
		for (const [i, frequency] of [660, 880].entries()) {
			const osc = audio.createOscillator();
			const gain = audio.createGain();
			osc.frequency.value = frequency;
			gain.gain.setValueAtTime(0.0001, audio.currentTime + i * 0.35);
			gain.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + i * 0.35 + 0.05);
			gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + i * 0.35 + 0.6);
			osc.connect(gain).connect(audio.destination);
			osc.start(audio.currentTime + i * 0.35);
			osc.stop(audio.currentTime + i * 0.35 + 0.65);
		}
	} catch {
		// No audio (autoplay policy, no device): the visual cue is enough.
	}
}
