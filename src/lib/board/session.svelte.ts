/**
 * The session (phase, timer, lock, focus, vote budget, syntheses) as Svelte
 * sees it: a runes wrapper over session.ts, like Board over doc.ts. Only
 * facilitator-and-above connections may write it; the server enforces that.
 * Time is the server's: `now` adds the offset measured with GET /api/time,
 * so every screen shows the same countdown whatever its own clock says.
 */
import { createSubscriber } from 'svelte/reactivity';
import * as Y from 'yjs';
import {
	addToTimer,
	pauseTimer,
	readSession,
	readSyntheses,
	remainingMs,
	setPhase,
	setSessionField,
	startTimer,
	setTimer,
	isRunning,
	synthesisText,
	type Focus,
	type Phase,
	type SessionState
} from './session';
import { bindYText, type TextBinding } from './text-binding';

export class Session {
	readonly doc = new Y.Doc();
	/** Server time minus this browser's time, in ms. */
	#offset = 0;
	#tick = $state(Date.now());
	#clock: ReturnType<typeof setInterval> | null = null;

	#subscribe = createSubscriber((update) => {
		this.doc.on('update', update);
		return () => this.doc.off('update', update);
	});

	get state(): SessionState {
		this.#subscribe();
		return readSession(this.doc);
	}

	get syntheses(): Record<string, string> {
		this.#subscribe();
		return readSyntheses(this.doc);
	}

	/** Per-axis counts of notes not yet revealed (written by the server). */
	get privateCounts(): Record<string, number> {
		this.#subscribe();
		const counts = this.doc.getMap('session').get('privateCounts');
		return counts && typeof counts === 'object' ? (counts as Record<string, number>) : {};
	}

	/** The countdown is running (not paused, not run out), updated every second. */
	get running(): boolean {
		return isRunning(this.state.timer, this.#tick + this.#offset);
	}

	/** Milliseconds left on the shared timer, updated every second. */
	get remaining(): number {
		return remainingMs(this.state.timer, this.#tick + this.#offset);
	}

	/** Starts the clock and measures the server's time (once; failures keep offset 0). */
	async start(): Promise<void> {
		this.#clock = setInterval(() => (this.#tick = Date.now()), 250);
		try {
			const sent = Date.now();
			const { now } = (await (await fetch('/api/time')).json()) as { now: number };
			this.#offset = now - (sent + Date.now()) / 2;
		} catch {
			this.#offset = 0;
		}
	}

	destroy(): void {
		if (this.#clock) clearInterval(this.#clock);
		this.doc.destroy();
	}

	get serverNow(): number {
		return Date.now() + this.#offset;
	}

	setPhase(phase: Phase): void {
		setPhase(this.doc, phase, this.serverNow);
	}

	setPrivateWriting(on: boolean): void {
		setSessionField(this.doc, 'privateWriting', on);
	}

	/** Pre-moderation on or off; off lets the waiting notes onto the board (the server does it). */
	setPremoderation(on: boolean): void {
		setSessionField(this.doc, 'premoderation', on);
	}

	setLocked(locked: boolean): void {
		setSessionField(this.doc, 'locked', locked);
	}

	setLiveVotes(shown: boolean): void {
		setSessionField(this.doc, 'liveVotes', shown);
	}

	setFocus(focus: Focus): void {
		setSessionField(this.doc, 'focus', focus);
	}

	setVoteRules(voteBudget: number, maxVotesPerNote: number): void {
		this.doc.transact(() => {
			setSessionField(this.doc, 'voteBudget', voteBudget);
			setSessionField(this.doc, 'maxVotesPerNote', maxVotesPerNote);
		});
	}

	startTimer(): void {
		startTimer(this.doc, this.serverNow);
	}

	pauseTimer(): void {
		pauseTimer(this.doc, this.serverNow);
	}

	addMinute(): void {
		addToTimer(this.doc, this.serverNow, 60_000);
	}

	setTimer(minutes: number): void {
		setTimer(this.doc, minutes * 60_000);
	}

	bindSynthesis(axisId: string, field: HTMLTextAreaElement): TextBinding {
		return bindYText(this.doc, synthesisText(this.doc, axisId), field);
	}
}
