/**
 * Checks a Frictionless data package the way the reference validator would,
 * without Python: the descriptor against the published v1 JSON Schemas
 * (tests/fixtures/frictionless, from frictionlessdata/datapackage
 * public/profiles/1.0), then every CSV row against its resource's Table
 * Schema (types, required, minimum, primary key unique).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseCsv } from '../unit/export/parse-csv';

const profile = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/frictionless', `${name}.json`), 'utf8'));

function compile(name: string) {
	// The profiles carry UI keywords (propertyOrder, context) and a "textarea" format Ajv does not know.
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv);
	ajv.addFormat('textarea', true);
	return ajv.compile(profile(name));
}

const validators = { datapackage: compile('datapackage'), dataresource: compile('dataresource'), tableschema: compile('tableschema') };

export interface SchemaField {
	name: string;
	type: string;
	constraints?: { required?: boolean; minimum?: number };
}

/** JSON Schema errors of the descriptor, its resources and their Table Schemas (empty when valid). */
export function descriptorErrors(descriptor: { resources: { schema: unknown }[]; [key: string]: unknown }): string[] {
	const errors: string[] = [];
	const run = (which: keyof typeof validators, value: unknown, where: string) => {
		if (!validators[which](value)) errors.push(...(validators[which].errors ?? []).map((e) => `${where}${e.instancePath} ${e.message}`));
	};
	run('datapackage', descriptor, 'package');
	descriptor.resources.forEach((resource, i) => {
		run('dataresource', resource, `resources/${i}`);
		run('tableschema', resource.schema, `resources/${i}/schema`);
	});
	return errors;
}

function cellError(field: SchemaField, cell: string): string | null {
	if (cell === '') return field.constraints?.required ? 'required' : null;
	switch (field.type) {
		case 'integer': {
			if (!/^-?\d+$/.test(cell)) return 'not an integer';
			const min = field.constraints?.minimum;
			return min !== undefined && Number(cell) < min ? `below ${min}` : null;
		}
		case 'boolean':
			return ['true', 'false'].includes(cell) ? null : 'not a boolean';
		case 'datetime':
			return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(cell) ? null : 'not an ISO 8601 datetime';
		default:
			return null;
	}
}

/** Parses a resource's CSV and checks each row against its schema; returns the rows as objects. */
export function checkTable(csv: string, schema: { fields: SchemaField[]; primaryKey: string[] }): Record<string, string>[] {
	const [header, ...rows] = parseCsv(csv, ',');
	if (header.join() !== schema.fields.map((f) => f.name).join()) throw new Error(`header ${header} does not match the schema`);
	const keys = new Set<string>();
	return rows.map((row, r) => {
		if (row.length !== header.length) throw new Error(`row ${r + 2} has ${row.length} cells`);
		const record = Object.fromEntries(header.map((name, i) => [name, row[i]]));
		schema.fields.forEach((field, i) => {
			const error = cellError(field, row[i]);
			if (error) throw new Error(`row ${r + 2}, ${field.name}: ${error} (${JSON.stringify(row[i])})`);
		});
		const key = JSON.stringify(schema.primaryKey.map((k) => record[k]));
		if (keys.has(key)) throw new Error(`row ${r + 2}: primary key ${key} repeated`);
		keys.add(key);
		return record;
	});
}
