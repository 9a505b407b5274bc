import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readSession, setPhase, setTimer, startTimer, isRunning, pauseTimer } from '../../../src/lib/board/session';

describe('the shared timer across phases', () => {
	test('a timer that ran out does not carry « Temps écoulé » into the next phase', () => {
		const doc = new Y.Doc();
		setTimer(doc, 3 * 60_000);
		startTimer(doc, 1_000);
		// Ran out during the collect; the facilitator moves on.
		setPhase(doc, 'group', 1_000 + 3 * 60_000 + 5);
		const { timer } = readSession(doc);
		expect(timer).toEqual({ endsAt: null, remainingMs: 3 * 60_000, durationMs: 3 * 60_000 });
	});

	test('a running timer keeps running through a phase change; a finished one restarts from its duration', () => {
		const doc = new Y.Doc();
		setTimer(doc, 2 * 60_000);
		startTimer(doc, 0);
		setPhase(doc, 'group', 30_000);
		expect(isRunning(readSession(doc).timer, 30_000)).toBe(true);
		// Not running once it ran out, and « Démarrer » starts a full round again.
		expect(isRunning(readSession(doc).timer, 2 * 60_000)).toBe(false);
		startTimer(doc, 10 * 60_000);
		expect(readSession(doc).timer).toEqual({ endsAt: 12 * 60_000, remainingMs: 2 * 60_000, durationMs: 2 * 60_000 });
		pauseTimer(doc, 11 * 60_000);
		expect(readSession(doc).timer).toMatchObject({ endsAt: null, remainingMs: 60_000, durationMs: 2 * 60_000 });
	});
});
