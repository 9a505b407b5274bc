/**
 * Frames a hostile or broken client could send, each with the close the server
 * must answer (README, "Real-time sync" close codes). Built from a seeded PRNG
 * so a failing run replays exactly.
 */
import * as Y from 'yjs';
import { addNote, deleteNote, ensureRoots, noteText, notesOf, setTitle } from '../../src/lib/board/doc';
import { CloseCode, CloseReason } from '../../src/lib/shared/errors';
import { LIMITS } from '../../src/lib/shared/limits';
import { encodeUpdate } from '../../server/sync/protocol';
import type { Rng } from './prng';

export interface Expected {
	/** Close codes the server may answer with. */
	codes: number[];
	/** The exact close reason, when it is determined by the frame. */
	reason?: string;
}

export interface Hostile {
	kind: string;
	frame: Uint8Array;
	expected: Expected;
}

const malformed: Expected = { codes: [CloseCode.malformed], reason: CloseReason.malformed };
const refused = (rule: string): Expected => ({ codes: [CloseCode.refused], reason: `${CloseReason.refused}:${rule}` });

/** What the attacker knows: the board as a peer received it, and its own participant id. */
export interface Context {
	boardState: Uint8Array;
	attackerId: string;
	/** A note written by someone else, present in `boardState`. */
	othersNoteId: string;
}

/** The update frame that makes `change` on a copy of the board. */
function updateFrame(ctx: Context, change: (doc: Y.Doc) => void): Uint8Array {
	const doc = new Y.Doc();
	ensureRoots(doc);
	Y.applyUpdate(doc, ctx.boardState);
	const before = Y.encodeStateVector(doc);
	change(doc);
	const frame = encodeUpdate(Y.encodeStateAsUpdate(doc, before));
	doc.destroy();
	return frame;
}

const ownNote = (ctx: Context, text: string) => (doc: Y.Doc) => {
	addNote(doc, { axisId: 'lieux', authorId: ctx.attackerId, text });
};

const GENERATORS: Record<string, (rng: Rng, ctx: Context) => [Uint8Array, Expected]> = {
	/** An unknown message type (a one-byte varUint from 4 to 127) and random bytes. */
	garbage: (rng) => [Uint8Array.of(rng.int(4, 127), ...rng.bytes(rng.int(0, 64))), malformed],
	empty: () => [new Uint8Array(0), malformed],
	/** A sync update whose payload is random bytes claimed to be a Yjs update. */
	randomUpdate: (rng) => [encodeUpdate(rng.bytes(rng.int(1, 200))), { codes: [CloseCode.malformed, CloseCode.refused] }],
	/** A valid update cut short: its length prefix promises more than arrives. */
	truncated: (rng, ctx) => {
		const whole = updateFrame(ctx, ownNote(ctx, 'coupé'));
		return [whole.slice(0, rng.int(1, whole.length - 1)), malformed];
	},
	tooLong: (_rng, ctx) => [updateFrame(ctx, ownNote(ctx, 'x'.repeat(LIMITS.noteLengthMax + 1))), refused('note_too_long')],
	unknownRoot: (rng, ctx) => [updateFrame(ctx, (doc) => doc.getMap(`evil${rng.int(0, 9)}`).set('x', 1)), refused('unknown_type')],
	deleteOthers: (_rng, ctx) => [updateFrame(ctx, (doc) => deleteNote(doc, ctx.othersNoteId)), refused('not_your_note')],
	rename: (_rng, ctx) => [updateFrame(ctx, (doc) => setTitle(doc, 'pris')), refused('meta_forbidden')],
	voteForOther: (_rng, ctx) => [
		updateFrame(ctx, (doc) => (notesOf(doc).get(ctx.othersNoteId)!.get('votes') as Y.Map<number>).set('someone-else', 1)),
		refused('not_your_vote')
	],
	richText: (_rng, ctx) => [
		updateFrame(ctx, (doc) => noteText(doc, ctx.othersNoteId)!.format(0, 1, { bold: true })),
		refused('note_too_long')
	]
};

export const HOSTILE_KINDS = Object.keys(GENERATORS);

export function hostileFrame(kind: string, rng: Rng, ctx: Context): Hostile {
	const [frame, expected] = GENERATORS[kind](rng, ctx);
	return { kind, frame, expected };
}

/** One frame over LIMITS.messageBytes: refused by size alone (ws closes with 1009, or ours 4413). */
export function oversizeFrame(): Hostile {
	const frame = new Uint8Array(LIMITS.messageBytes + 1);
	frame[0] = 0;
	frame[1] = 2;
	return { kind: 'oversize', frame, expected: { codes: [1009, CloseCode.tooLarge] } };
}
