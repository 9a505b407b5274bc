/**
 * The JSON export: the `Outcome` itself, versioned and self-describing. Its
 * schema is static/schema/trame-export-v1.schema.json, served by the app at
 * EXPORT_SCHEMA_PATH; a new incompatible shape gets a new version and file.
 */
import { EXPORT_SCHEMA_PATH, type Outcome, type OutcomeJson } from './types';

export interface JsonOptions {
	/** The app's public origin, so `$schema` is an absolute URL; a path alone without it. */
	origin?: string;
}

export function toJsonExport(outcome: Outcome, options: JsonOptions = {}): OutcomeJson {
	return { $schema: `${options.origin ?? ''}${EXPORT_SCHEMA_PATH}`, ...outcome };
}

export function toJson(outcome: Outcome, options: JsonOptions = {}): string {
	return JSON.stringify(toJsonExport(outcome, options), null, 2) + '\n';
}
