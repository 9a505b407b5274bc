/**
 * Checking a kit someone sent (issue 13): the JSON Schema first (ajv, the
 * same file the app serves at /schema/trame-kit-v1.schema.json), then what a
 * schema cannot say (unique axis ids, examples under known axes). The error
 * names the field, as a JSON pointer into the kit.
 */
import { Ajv, type ErrorObject } from 'ajv';
import schema from '../static/schema/trame-kit-v1.schema.json';
import { ErrorCode } from '../src/lib/shared/errors';
import type { Kit } from '../src/lib/kits/kit';
import { ApiError } from './errors';

const validate = new Ajv({ allErrors: false, strict: true }).compile<Kit>(schema);

function describe(error: ErrorObject): string {
	const where = error.instancePath || '/';
	if (error.keyword === 'additionalProperties') {
		return `kit${where}: unknown field "${(error.params as { additionalProperty: string }).additionalProperty}"`;
	}
	if (error.keyword === 'required') return `kit${where}: missing field "${(error.params as { missingProperty: string }).missingProperty}"`;
	return `kit${where}: ${error.message ?? 'is not valid'}`;
}

/** The kit, or a 400 ApiError naming the first field that breaks the rules. */
export function parseKit(value: unknown): Kit {
	if (!validate(value)) throw new ApiError(ErrorCode.validation, `Invalid kit: ${describe(validate.errors![0])}.`);
	const ids = new Set<string>();
	for (const [i, axis] of value.axes.entries()) {
		if (ids.has(axis.id)) throw new ApiError(ErrorCode.validation, `Invalid kit: kit/axes/${i}/id: "${axis.id}" is used twice.`);
		ids.add(axis.id);
	}
	for (const [i, example] of (value.examples ?? []).entries()) {
		if (!ids.has(example.axisId)) {
			throw new ApiError(ErrorCode.validation, `Invalid kit: kit/examples/${i}/axisId: "${example.axisId}" is not one of the kit's axes.`);
		}
	}
	return value;
}
