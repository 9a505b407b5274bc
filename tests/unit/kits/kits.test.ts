/** Kits (issue 13): the schema, the server's check, every built-in kit, a kit to documents and back. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Ajv } from 'ajv';
import * as Y from 'yjs';
import { BUILTIN_KIT_IDS, BUILTIN_KITS } from '../../../src/lib/kits/builtin';
import { KIT_SCHEMA_PATH, type Kit } from '../../../src/lib/kits/kit';
import { kitOf, writeKit } from '../../../src/lib/kits/apply';
import { readMeta, readNotes } from '../../../src/lib/board/doc';
import { readAgenda } from '../../../src/lib/board/agenda';
import { PHASES, readSession, setSessionField } from '../../../src/lib/board/session';
import { KIT_LIMITS, LIMITS } from '../../../src/lib/shared/limits';
import { parseKit } from '../../../server/kits';
import { ApiError } from '../../../server/errors';

const schemaFile = join(import.meta.dirname, '../../../static', KIT_SCHEMA_PATH);
const validate = new Ajv({ strict: true }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));

function broken(change: (kit: Kit) => void): unknown {
	const kit = structuredClone(BUILTIN_KITS.nec);
	change(kit);
	return kit;
}

function errorOf(value: unknown): string {
	try {
		parseKit(value);
	} catch (error) {
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).status).toBe(400);
		return (error as ApiError).message;
	}
	throw new Error('the kit was accepted');
}

describe('built-in kits', () => {
	test.each(BUILTIN_KIT_IDS)('%s is valid against the published schema and the server check', (id) => {
		const kit = BUILTIN_KITS[id];
		expect(validate(kit), JSON.stringify(validate.errors)).toBe(true);
		expect(parseKit(kit)).toBe(kit);
		expect(kit.$schema).toBe(KIT_SCHEMA_PATH);
	});

	test('« Numérique en commun(s) » keeps the fixed axis ids, each with a prompt', () => {
		const { axes } = BUILTIN_KITS.nec;
		expect(axes.map((a) => a.id)).toEqual(['lieux', 'donnees', 'communs']);
		for (const axis of axes) expect(axis.prompt.length).toBeGreaterThan(20);
	});
});

describe('the schema and the shared limits agree', () => {
	test('the numbers the schema states are the ones the code enforces', () => {
		const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
		const { axis, step, example } = schema.definitions;
		expect(schema.properties.agenda.maxItems).toBe(KIT_LIMITS.agendaSteps);
		expect(step.properties.minutes.maximum).toBe(KIT_LIMITS.stepMinutes);
		expect(step.properties.instruction.maxLength).toBe(KIT_LIMITS.instructionLength);
		expect(axis.properties.prompt.maxLength).toBe(KIT_LIMITS.promptLength);
		expect(schema.properties.examples.maxItems).toBe(KIT_LIMITS.examples);
		expect(schema.properties.description.maxLength).toBe(KIT_LIMITS.kitDescriptionLength);
		expect(schema.properties.axes.maxItems).toBe(LIMITS.axesPerBoard);
		expect(axis.properties.title.maxLength).toBe(LIMITS.titleLength);
		expect(axis.properties.description.maxLength).toBe(LIMITS.axisDescriptionLength);
		expect(example.properties.text.maxLength).toBe(LIMITS.noteLength);
		expect(step.properties.phase.enum).toEqual([...PHASES]);
	});
});

describe('parseKit names the field that breaks the rules', () => {
	test.each([
		['a missing axis prompt', (k: Kit) => delete (k.axes[1] as Partial<Kit['axes'][number]>).prompt, /kit\/axes\/1: missing field "prompt"/],
		['a bad phase in the agenda', (k: Kit) => ((k.agenda[0] as { phase: string }).phase = 'brainstorm'), /kit\/agenda\/0\/phase/],
		['a step of zero minutes', (k: Kit) => (k.agenda[2].minutes = 0), /kit\/agenda\/2\/minutes/],
		['an unknown field', (k: Kit) => Object.assign(k, { participants: [] }), /unknown field "participants"/],
		['a wrong version', (k: Kit) => Object.assign(k, { version: 2 }), /kit\/version/],
		['a vote budget over 100', (k: Kit) => (k.votes.budget = 500), /kit\/votes\/budget/],
		['an axis id used twice', (k: Kit) => (k.axes[2].id = 'lieux'), /kit\/axes\/2\/id: "lieux" is used twice/],
		['an example under no axis', (k: Kit) => (k.examples = [{ axisId: 'ailleurs', text: 'x' }]), /kit\/examples\/0\/axisId/]
	])('%s', (_name, change, message) => {
		expect(errorOf(broken(change))).toMatch(message);
	});

	test('something that is not an object', () => {
		expect(errorOf('nec')).toMatch(/kit\//);
	});
});

describe('a kit into a board and back', () => {
	test('writeKit then kitOf gives the same format', () => {
		const kit = BUILTIN_KITS.retrospective;
		const board = new Y.Doc();
		const session = new Y.Doc();
		writeKit(board, session, kit, kit.title);
		expect(readMeta(board).axes.map((a) => a.prompt)).toEqual(kit.axes.map((a) => a.prompt));
		expect(readSession(session)).toMatchObject({ privateWriting: true, voteBudget: 3, maxVotesPerNote: 1 });
		expect(readAgenda(session).steps.map((s) => s.minutes)).toEqual([10, 15, 5, 15]);
		expect(readNotes(board)).toHaveLength(1);
		const { examples, ...format } = kit;
		expect(kitOf(board, session, { schemaUrl: kit.$schema })).toEqual(format);
		expect(kitOf(board, session, { schemaUrl: kit.$schema, notes: true }).examples).toEqual(examples);
		// After the reveal the session writes in the open; the format still asks for private writing.
		setSessionField(session, 'privateWriting', false);
		expect(kitOf(board, session, { schemaUrl: kit.$schema }).privateWriting).toBe(true);
	});
});
