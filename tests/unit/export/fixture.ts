/**
 * A small fixed board for the exporter tests: every awkward kind of text a
 * workshop produces (commas, quotes, line breaks, emoji, right-to-left
 * scripts, Markdown look-alikes, a would-be spreadsheet formula), a group,
 * votes, a hidden note and a synthesis. Ids and times are fixed so the golden
 * files never change by themselves.
 */
import * as Y from 'yjs';
import { addNote, groupsOf, initBoard, notesOf, NoteKey } from '../../../src/lib/board/doc';
import { setPhase, synthesisText } from '../../../src/lib/board/session';
import { TEMPLATE_AXES } from '../../../src/lib/shared/templates';
import type { BoardSource } from '../../../src/lib/export/snapshot';

const T0 = Date.UTC(2026, 10, 25, 8, 30); // 2026-11-25 09:30 in Paris

interface FixtureNote {
	id: string;
	axisId: string;
	text: string;
	author: string;
	votes?: Record<string, number>;
	groupId?: string;
	hidden?: boolean;
	/** Written by the facilitator on behalf of the room, with hands raised. */
	roomVotes?: number;
}

const NOTES: FixtureNote[] = [
	{ id: 'n01', axisId: 'lieux', text: 'Ouvrir la médiathèque le dimanche, avec des bénévoles', author: 'pA', votes: { pB: 1, pC: 1 }, groupId: 'g1' },
	{ id: 'n02', axisId: 'lieux', text: 'Un "café numérique" chaque mois', author: 'pB', votes: { pA: 1, pB: 1, pC: 1 }, groupId: 'g1' },
	{ id: 'n03', axisId: 'lieux', text: 'Première ligne\nDeuxième ligne, avec virgule\n\n- pas une liste', author: 'pA' },
	{ id: 'n04', axisId: 'donnees', text: 'Données ouvertes 📊🔓 pour tous 👩🏽‍💻', author: 'pC', votes: { pA: 1 } },
	{ id: 'n05', axisId: 'donnees', text: 'البيانات المفتوحة للجميع', author: 'pD', votes: { pB: 1 } },
	{ id: 'n06', axisId: 'donnees', text: 'נתונים פתוחים, "שקיפות"', author: 'pB' },
	{ id: 'n07', axisId: 'donnees', text: '=SOMME(A1:A3)', author: 'pC' },
	{ id: 'n08', axisId: 'communs', text: '# Pas un titre <script>alert(1)</script>', author: 'pA' },
	{ id: 'n09', axisId: 'communs', text: 'Note masquée par la modération', author: 'pD', hidden: true },
	{ id: 'n10', axisId: 'communs', text: 'Un atelier papier à la bibliothèque', author: 'pF', votes: { pA: 1 }, roomVotes: 6 }
];

export function fixtureBoard(): BoardSource {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Atelier « Données, lieux & communs »', axes: TEMPLATE_AXES.nec });
	doc.transact(() => {
		const group = new Y.Map<unknown>();
		groupsOf(doc).set('g1', group);
		group.set('axisId', 'lieux');
		group.set('title', 'Horaires et rendez-vous');
		NOTES.forEach((n, i) => {
			addNote(doc, { id: n.id, axisId: n.axisId, authorId: n.author, text: n.text, createdAt: T0 + i * 60_000 });
			const map = notesOf(doc).get(n.id)!;
			const votes = map.get(NoteKey.votes) as Y.Map<number>;
			for (const [voter, count] of Object.entries(n.votes ?? {})) votes.set(voter, count);
			if (n.groupId) map.set(NoteKey.groupId, n.groupId);
			if (n.hidden) map.set(NoteKey.hidden, true);
			if (n.roomVotes) {
				map.set(NoteKey.room, true);
				map.set(NoteKey.roomVotes, n.roomVotes);
			}
		});
	});
	const session = new Y.Doc();
	setPhase(session, 'closed');
	synthesisText(session, 'lieux').insert(0, 'Des lieux ouverts plus souvent,\net des rendez-vous réguliers.');
	synthesisText(session, 'donnees').insert(0, 'Ouvrir, mais protéger.');
	return { id: 'board1', title: 'Atelier', createdAt: T0 - 3_600_000, licence: 'etalab-2.0', doc, session };
}

export const FIXED_NOW = Date.UTC(2026, 10, 26, 10, 0);
