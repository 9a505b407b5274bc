/**
 * The one definition of a workshop kit (issue 13): a board's format as an
 * open file — axes with their prompts, the planned run (agenda), vote rules,
 * private writing, optional example notes. Never notes' authors nor any
 * participant data. Described by static/schema/trame-kit-v1.schema.json,
 * served at KIT_SCHEMA_PATH; `$schema` in a kit is that URL.
 */
import type { Phase } from '../board/session';

export const KIT_VERSION = 1;
export const KIT_SCHEMA_PATH = '/schema/trame-kit-v1.schema.json';

export interface KitAxis {
	id: string;
	title: string;
	description: string;
	/** The question put to participants under this axis. */
	prompt: string;
}

export interface AgendaStep {
	phase: Phase;
	/** Planned duration, whole minutes. */
	minutes: number;
	/** Shown to participants and on the projector while the step runs. */
	instruction: string;
}

export interface KitExample {
	axisId: string;
	text: string;
}

export interface Kit {
	$schema: string;
	version: typeof KIT_VERSION;
	title: string;
	/** BCP 47 language of the kit's texts, e.g. "fr". */
	language: string;
	/** Licence of the kit file itself (SPDX identifier), not of a board's outcomes. */
	licence: string;
	description?: string;
	axes: KitAxis[];
	agenda: AgendaStep[];
	votes: { budget: number; perNote: number };
	privateWriting: boolean;
	examples?: KitExample[];
}
