import { describe, expect, it } from 'vitest';
import { gatherByAxis } from '../../../src/lib/export/gather';
import type { BoardOutcome, Outcome } from '../../../src/lib/export/types';

const licence = { id: 'unpublished' as const, name: 'Non publié', url: null };

function board(id: string, axes: [string, string, string][], notes: [string, string, number, string | null][]): BoardOutcome {
	return {
		id,
		title: `Atelier ${id}`,
		createdAt: '2026-11-25T08:00:00.000Z',
		licence,
		phase: 'closed',
		axes: axes.map(([axisId, title, synthesis]) => ({ id: axisId, title, description: '', synthesis })),
		groups: [{ id: 'g1', axisId: 'lieux', title: 'Horaires' }],
		notes: notes.map(([noteId, axisId, votes, groupId], i) => ({
			id: noteId,
			axisId,
			groupId,
			text: `texte ${noteId}`,
			votes,
			createdAt: `2026-11-25T08:0${i}:00.000Z`
		}))
	};
}

const outcome: Outcome = {
	version: 1,
	generatedAt: '2026-11-26T10:00:00.000Z',
	licence,
	event: null,
	boards: [
		board('a', [['lieux', 'Lieux', 'Ouvrir plus tard'], ['donnees', 'Données', '']], [['n1', 'lieux', 1, 'g1'], ['n2', 'donnees', 0, null]]),
		// Same axis under another id and spelling: gathered with the first.
		board('b', [['places', ' lieux ', '  '], ['autre', 'Autre', '']], [['n3', 'places', 4, null], ['n4', 'places', 1, null]])
	]
};

describe('gatherByAxis', () => {
	const axes = gatherByAxis(outcome);

	it('gathers axes of the same title across workshops, in order of first appearance', () => {
		expect(axes.map((a) => [a.title, a.workshops])).toEqual([['Lieux', 2], ['Données', 1], ['Autre', 1]]);
	});

	it('ranks the notes of an axis across workshops by votes, then age, and says where each comes from', () => {
		expect(axes[0].notes.map((n) => [n.id, n.votes, n.boardTitle])).toEqual([
			['n3', 4, 'Atelier b'],
			['n1', 1, 'Atelier a'],
			['n4', 1, 'Atelier b']
		]);
	});

	it('keeps the non-empty syntheses and the groups with their note counts', () => {
		expect(axes[0].syntheses).toEqual([{ boardId: 'a', boardTitle: 'Atelier a', text: 'Ouvrir plus tard' }]);
		expect(axes[0].groups).toEqual([{ id: 'a/g1', boardTitle: 'Atelier a', title: 'Horaires', notes: 1 }]);
		// Board b's group g1 belongs to axis `lieux`, which board b does not have: it is not shown.
		expect(axes[1].groups).toEqual([]);
	});
});
