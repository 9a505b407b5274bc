import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, initBoard } from '../../../src/lib/board/doc';
import { synthesisText } from '../../../src/lib/board/session';
import { citationOf } from '../../../src/lib/board/citations';
import { TEMPLATE_AXES } from '../../../src/lib/shared/templates';
import { snapshotOutcome } from '../../../src/lib/export/snapshot';
import { toMarkdown } from '../../../src/lib/export/markdown';
import { toJsonExport } from '../../../src/lib/export/json';

/** A board whose Lieux synthesis cites one of its notes. */
function citingBoard() {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Atelier', axes: TEMPLATE_AXES.nec });
	const cited = addNote(doc, { axisId: 'lieux', authorId: 'p1', text: 'Ouvrir le dimanche' });
	addNote(doc, { axisId: 'lieux', authorId: 'p2', text: 'Pas citée' });
	const session = new Y.Doc();
	synthesisText(session, 'lieux').insert(0, `Priorité : ${citationOf(cited)}.`);
	const outcome = snapshotOutcome({ boards: [{ id: 'b1', title: 'Atelier', createdAt: 0, licence: 'cc0-1.0', doc, session }] }, { now: 0 });
	return { cited, outcome };
}

describe('exports trace a synthesis back to the notes it cites', () => {
	it('lists the cited notes under the synthesis in Markdown', () => {
		const { cited, outcome } = citingBoard();
		const md = toMarkdown(outcome);
		expect(md).toContain(`Priorité : ${citationOf(cited)}.`);
		expect(md).toMatch(new RegExp(`Notes citées :\\n+- \`${citationOf(cited)}\` Ouvrir le dimanche`));
		expect(md.split('Notes citées')[1].split('\n#')[0]).not.toContain('Pas citée');
	});
	it('gives the cited note ids in the JSON axis, and none where nothing is cited', () => {
		const { cited, outcome } = citingBoard();
		const axes = toJsonExport(outcome).boards[0].axes;
		expect(axes.find((a) => a.id === 'lieux')?.cited).toEqual([cited]);
		expect(axes.find((a) => a.id === 'communs')).not.toHaveProperty('cited');
	});
});
