/**
 * The owner of the *session* document's schema: the second Y.Doc of a board,
 * which only facilitator-and-above connections may write (DESIGN.md: session
 * state must not be writable by participants). Participants read it.
 * Pure TypeScript, shared by browser and server.
 */
import * as Y from 'yjs';

export const SESSION = 'session';
/** Per axis, the facilitators' synthesis: `Y.Map<axisId, Y.Text>`. */
export const SYNTHESIS = 'synthesis';

export const PHASES = ['collect', 'group', 'vote', 'synthesis', 'closed'] as const;
export type Phase = (typeof PHASES)[number];

export interface Timer {
	/** Server epoch ms at which the countdown ends, while running. */
	endsAt: number | null;
	/** Remaining ms while paused (or before the first start). */
	remainingMs: number;
	/** The duration last set (« Régler »): what the console shows, and where a finished timer restarts. */
	durationMs?: number;
}

export type Focus = { kind: 'axis' | 'group' | 'note'; id: string } | null;

export interface SessionState {
	phase: Phase;
	/** Bumped at every phase change, so "J'ai fini" signals reset. */
	phaseSerial: number;
	/** Collect phase: each participant sees only their own notes until the reveal. */
	privateWriting: boolean;
	/**
	 * Pre-moderation (issue 14): participants' new notes wait in their private
	 * documents until a facilitator accepts them; turning it off lets the
	 * waiting notes onto the board, as the end of private writing does.
	 */
	premoderation: boolean;
	locked: boolean;
	timer: Timer;
	focus: Focus;
	/** Votes each participant may cast in the vote phase. */
	voteBudget: number;
	/** Votes one participant may put on one note (1 = one dot per note). */
	maxVotesPerNote: number;
	/** Vote phase: whether counts are shown while people vote (facilitator's choice; off avoids a bandwagon). */
	liveVotes: boolean;
	/**
	 * Private notes per axis while private writing is on (written by the
	 * server only, so the projector can show counts without the texts).
	 */
	privateCounts: Record<string, number>;
	/**
	 * Facts of the board the server publishes to open pages when they change (written by the
	 * server only): the join code after the participant link was replaced, the licence after the
	 * organiser changed it. Null until first changed: pages use what they loaded.
	 */
	joinCode: string | null;
	licence: string | null;
}

export const DEFAULT_SESSION: SessionState = {
	phase: 'collect',
	phaseSerial: 0,
	privateWriting: false,
	premoderation: false,
	locked: false,
	timer: { endsAt: null, remainingMs: 5 * 60_000, durationMs: 5 * 60_000 },
	focus: null,
	voteBudget: 3,
	maxVotesPerNote: 1,
	liveVotes: true,
	privateCounts: {},
	joinCode: null,
	licence: null
};

/** Session fields only the server writes (with its own origin); a client writing one is refused. */
export const SERVER_SESSION_KEYS = ['privateCounts', 'joinCode', 'licence'] as const satisfies readonly (keyof SessionState)[];

/** Session fields a facilitator's client may write; `privateCounts` is the server's. */
export const CLIENT_SESSION_KEYS = [
	'phase', 'phaseSerial', 'privateWriting', 'premoderation', 'locked', 'timer', 'focus', 'voteBudget', 'maxVotesPerNote', 'liveVotes'
] as const satisfies readonly (keyof SessionState)[];

export function sessionOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(SESSION);
}

export function synthesisOf(doc: Y.Doc): Y.Map<Y.Text> {
	return doc.getMap<Y.Text>(SYNTHESIS);
}

export function isPhase(value: unknown): value is Phase {
	return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

/** A plain snapshot, with defaults for anything not yet set. */
export function readSession(doc: Y.Doc): SessionState {
	const map = sessionOf(doc);
	const get = <K extends keyof SessionState>(key: K): SessionState[K] =>
		(map.has(key) ? map.get(key) : DEFAULT_SESSION[key]) as SessionState[K];
	const phase = get('phase');
	return {
		phase: isPhase(phase) ? phase : 'collect',
		phaseSerial: get('phaseSerial'),
		privateWriting: get('privateWriting') === true,
		premoderation: get('premoderation') === true,
		locked: get('locked') === true,
		timer: get('timer'),
		focus: get('focus'),
		voteBudget: get('voteBudget'),
		maxVotesPerNote: get('maxVotesPerNote'),
		liveVotes: get('liveVotes') !== false,
		privateCounts: get('privateCounts'),
		joinCode: typeof map.get('joinCode') === 'string' ? (map.get('joinCode') as string) : null,
		licence: typeof map.get('licence') === 'string' ? (map.get('licence') as string) : null
	};
}

/**
 * A new phase. A timer that ran out in the last phase goes back to its duration,
 * paused: « Temps écoulé » belongs to the phase it ran in (`now`: server time).
 */
export function setPhase(doc: Y.Doc, phase: Phase, now = Date.now()): void {
	const map = sessionOf(doc);
	const { phaseSerial, timer } = readSession(doc);
	doc.transact(() => {
		map.set('phase', phase);
		map.set('phaseSerial', phaseSerial + 1);
		if (isFinished(timer, now)) map.set('timer', { endsAt: null, remainingMs: durationOf(timer), durationMs: durationOf(timer) });
	});
}

/** The duration last set (older boards did not store it: what was left when paused). */
export function durationOf(timer: Timer): number {
	return timer.durationMs ?? timer.remainingMs;
}

/** The countdown ran out (it is not running any more, whatever `endsAt` says). */
export function isFinished(timer: Timer, now: number): boolean {
	return timer.endsAt !== null && timer.endsAt <= now;
}

/** Counting down now. */
export function isRunning(timer: Timer, now: number): boolean {
	return timer.endsAt !== null && timer.endsAt > now;
}

export function setSessionField<K extends Exclude<keyof SessionState, 'phase' | 'phaseSerial' | (typeof SERVER_SESSION_KEYS)[number]>>(
	doc: Y.Doc,
	key: K,
	value: SessionState[K]
): void {
	sessionOf(doc).set(key, value);
}

/** Whether vote counts are shown now: always outside the vote, during it only if the facilitator chose so. */
export function showsVoteCounts(state: Pick<SessionState, 'phase' | 'liveVotes'>): boolean {
	return state.phase !== 'vote' || state.liveVotes;
}

/** Milliseconds left at server time `now`; never more than was set (clocks measured a few ms apart). */
export function remainingMs(timer: Timer, now: number): number {
	return timer.endsAt === null ? timer.remainingMs : Math.min(timer.remainingMs, Math.max(0, timer.endsAt - now));
}

/** Starts the countdown; a finished one starts again from its duration. */
export function startTimer(doc: Y.Doc, now: number): void {
	const { timer } = readSession(doc);
	if (isRunning(timer, now)) return;
	const left = isFinished(timer, now) ? durationOf(timer) : timer.remainingMs;
	setSessionField(doc, 'timer', { endsAt: now + left, remainingMs: left, durationMs: durationOf(timer) });
}

export function pauseTimer(doc: Y.Doc, now: number): void {
	const { timer } = readSession(doc);
	setSessionField(doc, 'timer', { endsAt: null, remainingMs: remainingMs(timer, now), durationMs: durationOf(timer) });
}

export function addToTimer(doc: Y.Doc, now: number, ms: number): void {
	const { timer } = readSession(doc);
	const left = remainingMs(timer, now) + ms;
	setSessionField(doc, 'timer', { endsAt: timer.endsAt === null ? null : now + left, remainingMs: left, durationMs: durationOf(timer) });
}

/** Sets the duration; the countdown waits, paused, for « Démarrer ». */
export function setTimer(doc: Y.Doc, ms: number): void {
	setSessionField(doc, 'timer', { endsAt: null, remainingMs: ms, durationMs: ms });
}

/**
 * The axes that have no synthesis text yet. The server creates them (ensureSyntheses) before
 * any console binds a field: two consoles each creating the text of an axis would conflict,
 * and Yjs would keep one text and drop what was typed into the other.
 */
export function missingSyntheses(doc: Y.Doc, axisIds: string[]): string[] {
	const map = synthesisOf(doc);
	return axisIds.filter((id) => !(map.get(id) instanceof Y.Text));
}

export function ensureSyntheses(doc: Y.Doc, axisIds: string[]): void {
	const map = synthesisOf(doc);
	doc.transact(() => {
		for (const id of missingSyntheses(doc, axisIds)) map.set(id, new Y.Text());
	});
}

/** The synthesis text of an axis (the server made it; created here only for a board older than that). */
export function synthesisText(doc: Y.Doc, axisId: string): Y.Text {
	const map = synthesisOf(doc);
	let text = map.get(axisId);
	if (!(text instanceof Y.Text)) {
		text = new Y.Text();
		map.set(axisId, text);
	}
	return text;
}

/** Every axis' synthesis as plain text. */
export function readSyntheses(doc: Y.Doc): Record<string, string> {
	const out: Record<string, string> = {};
	synthesisOf(doc).forEach((text, axisId) => {
		if (text instanceof Y.Text) out[axisId] = text.toString();
	});
	return out;
}
