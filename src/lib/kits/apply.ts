/**
 * A kit to a board's two documents and back. Pure TypeScript: the server
 * creates boards with writeKit and exports them with kitOf; a board made
 * from a kit exports the same kit (tests/integration/kits.test.ts).
 */
import type * as Y from 'yjs';
import { addNote, initBoard, readMeta, readNotes } from '../board/doc';
import { planSteps, readAgenda, setSteps } from '../board/agenda';
import { readSession, setSessionField } from '../board/session';
import { KIT_LIMITS, LIMITS } from '../shared/limits';
import { KIT_VERSION, type Kit } from './kit';

/** Example notes have no author: this id is no participant's (participant ids are 22 characters). */
export const KIT_AUTHOR = 'kit';

export function writeKit(board: Y.Doc, session: Y.Doc, kit: Kit, title: string): void {
	const { language, licence, description } = kit;
	initBoard(board, {
		title,
		axes: kit.axes.map(({ id, title, description, prompt }) => ({ id, title, description, prompt })),
		kit: { language, licence, ...(description ? { description } : {}), ...(kit.privateWriting ? { privateWriting: true } : {}) }
	});
	for (const [i, example] of (kit.examples ?? []).entries()) {
		addNote(board, { axisId: example.axisId, text: example.text, authorId: KIT_AUTHOR, createdAt: i });
	}
	session.transact(() => {
		setSessionField(session, 'voteBudget', kit.votes.budget);
		setSessionField(session, 'maxVotesPerNote', kit.votes.perNote);
		setSessionField(session, 'privateWriting', kit.privateWriting);
		setSteps(session, planSteps(kit.agenda));
	});
}

export interface KitOptions {
	/** Absolute URL of the kit schema on this instance. */
	schemaUrl: string;
	/** Include the board's visible notes as examples (texts only). */
	notes?: boolean;
}

/** The board's format; never an author, a vote or anything else about participants. */
export function kitOf(board: Y.Doc, session: Y.Doc, options: KitOptions): Kit {
	const meta = readMeta(board);
	const state = readSession(session);
	const kit: Kit = {
		$schema: options.schemaUrl,
		version: KIT_VERSION,
		title: meta.title,
		language: meta.kit?.language ?? 'fr',
		licence: meta.kit?.licence ?? 'CC-BY-SA-4.0',
		...(meta.kit?.description ? { description: meta.kit.description } : {}),
		axes: meta.axes.map(({ id, title, description, prompt }) => ({ id, title, description, prompt: prompt ?? '' })),
		agenda: readAgenda(session).steps.map(({ phase, minutes, instruction }) => ({ phase, minutes, instruction })),
		votes: { budget: state.voteBudget, perNote: state.maxVotesPerNote },
		// On now, or asked for by the kit the board came from (a reveal turns the session's off).
		privateWriting: state.privateWriting || meta.kit?.privateWriting === true
	};
	if (options.notes) {
		const axes = new Set(meta.axes.map((a) => a.id));
		const examples = readNotes(board)
			.filter((n) => !n.hidden && axes.has(n.axisId) && n.text.trim())
			.map((n) => ({ axisId: n.axisId, text: n.text.slice(0, LIMITS.noteLength) }));
		if (examples.length) kit.examples = examples.slice(0, KIT_LIMITS.examples);
	}
	return kit;
}
