/**
 * What others changed, for screen-reader users: new notes per axis, the
 * phase, the lock, the last minute of the timer. It watches the board and
 * session documents and, at most every few seconds, publishes one batch —
 * never each keystroke. Words are the page's business (LiveAnnouncer.svelte):
 * this module says *what* happened.
 */
import type { Live } from './live.svelte';
import { DEFAULT_SESSION, type Phase } from './session';

export type Announcement =
	| { kind: 'notes'; axis: string; count: number }
	| { kind: 'phase'; phase: Phase; votesLeft: number }
	| { kind: 'locked'; locked: boolean }
	| { kind: 'lastMinute' }
	| { kind: 'timeOver' };

export interface Batch {
	items: Announcement[];
	/** Bumped at each batch, so the same words said twice are still heard. */
	serial: number;
}

export class Announcer {
	latest = $state<Batch>({ items: [], serial: 0 });
	#live: Live;
	#interval: ReturnType<typeof setInterval> | null = null;
	#dirty = false;
	#known: Set<string> | null = null;
	#phase: Phase | null = null;
	#locked = false;
	#saidMinute = false;
	#saidOver = false;

	constructor(live: Live, readonly everyMs = 5000) {
		this.#live = live;
	}

	start(): void {
		this.#live.board.doc.on('update', this.#onBoard);
		this.#live.session.doc.on('update', this.#onSession);
		this.#interval = setInterval(() => this.flush(), this.everyMs);
	}

	stop(): void {
		if (this.#interval) clearInterval(this.#interval);
		this.#live.board.doc.off('update', this.#onBoard);
		this.#live.session.doc.off('update', this.#onSession);
	}

	/** Publishes what changed since the last batch (nothing at all: no batch). */
	flush(): void {
		// Notes are read again only after a change (and once the board has arrived); the session is small and read every time.
		const notes = this.#dirty && this.#live.board.loaded ? this.#newNotes() : [];
		if (this.#live.board.loaded) this.#dirty = false;
		const items = [...notes, ...this.#sessionChanges(), ...this.#timer()];
		if (items.length > 0) this.latest = { items, serial: this.latest.serial + 1 };
	}

	// What is there when the page loads is the baseline, not news: taken from the first updates, not at the first batch.
	#onBoard = () => {
		this.#dirty = true;
		if (this.#known === null && this.#live.board.loaded) this.#known = new Set(this.#visibleIds());
	};

	#onSession = () => {
		if (this.#phase !== null) return;
		// Before `synced`, an update is the server's state; after it, the server had none (defaults) and this is a change.
		const base = this.#live.sessionConnection?.synced ? DEFAULT_SESSION : this.#live.session.state;
		this.#phase = base.phase;
		this.#locked = base.locked;
	};

	#visibleIds(): string[] {
		return this.#live.board.notes.filter((note) => !note.hidden).map((note) => note.id);
	}

	/** Notes others added (or revealed) since the last batch, counted per axis. */
	#newNotes(): Announcement[] {
		const { board } = this.#live;
		const notes = board.notes.filter((note) => !note.hidden);
		const known = this.#known ?? new Set();
		this.#known = new Set(notes.map((note) => note.id));
		const counts = new Map<string, number>();
		for (const note of notes) {
			if (!known.has(note.id) && note.authorId !== board.participantId) counts.set(note.axisId, (counts.get(note.axisId) ?? 0) + 1);
		}
		return board.meta.axes.filter((axis) => counts.has(axis.id)).map((axis) => ({ kind: 'notes', axis: axis.title, count: counts.get(axis.id)! }));
	}

	/** The phase and the lock, once the session document has arrived (its defaults are not news). */
	#sessionChanges(): Announcement[] {
		if (!this.#live.sessionConnection?.synced) return [];
		const state = this.#live.session.state;
		if (this.#phase === null) {
			// Synced with no update at all: the server's session is the defaults.
			this.#phase = state.phase;
			this.#locked = state.locked;
		}
		const out: Announcement[] = [];
		if (state.phase !== this.#phase) {
			out.push({ kind: 'phase', phase: state.phase, votesLeft: Math.max(0, state.voteBudget - this.#live.board.votesCast) });
		}
		if (state.locked !== this.#locked) out.push({ kind: 'locked', locked: state.locked });
		this.#phase = state.phase;
		this.#locked = state.locked;
		return out;
	}

	/** "Plus qu'une minute" and "Temps écoulé", once each per countdown. */
	#timer(): Announcement[] {
		const session = this.#live.session;
		const running = session.state.timer.endsAt !== null;
		const left = session.remaining;
		const out: Announcement[] = [];
		if (running && left > 0 && left <= 60_000 && !this.#saidMinute) out.push({ kind: 'lastMinute' });
		if (running && left === 0 && !this.#saidOver) out.push({ kind: 'timeOver' });
		this.#saidMinute = running && left <= 60_000;
		this.#saidOver = running && left === 0;
		return out;
	}
}
