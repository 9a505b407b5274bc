/**
 * The data package export (Frictionless Data Package v1, tabular profile):
 * a zip holding `datapackage.json` and one CSV per table (tables.ts), so a
 * portal (data.gouv.fr) or `frictionless validate` takes it as is. The CSVs
 * keep each text exactly as written (machine data: no formula escaping — the
 * spreadsheets are for opening by hand); RFC 4180, UTF-8 without BOM.
 * https://specs.frictionlessdata.io/data-package/ · /tabular-data-resource/ · /table-schema/
 */
import { strToU8, zipSync } from 'fflate';
import { LICENCES } from '../shared/licences';
import { slug } from './format';
import { outcomeTables, tableDatetime, type Cell, type Table } from './tables';
import type { ExportLang, Outcome } from './types';

export interface DataPackageOptions {
	lang?: ExportLang;
	/** The Trame instance's public origin, named as the source. */
	origin?: string;
}

function csvCell(value: Cell): string {
	if (value === null) return '';
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function tableCsv(table: Table): string {
	const lines = [table.fields.map((f) => f.name), ...table.rows].map((row) => row.map(csvCell).join(','));
	return lines.join('\r\n') + '\r\n';
}

function licenceOf(outcome: Outcome, lang: ExportLang) {
	const licence = LICENCES[outcome.licence.id];
	// "other-closed" is the Open Definition id for data that is not openly licensed.
	if (!licence.url || !licence.spdx) return { name: 'other-closed', title: licence.label[lang] };
	return { name: licence.spdx, path: licence.url, title: licence.label[lang] };
}

export function dataPackageDescriptor(outcome: Outcome, options: DataPackageOptions = {}) {
	const lang = options.lang ?? 'fr';
	const title = outcome.event?.title ?? outcome.boards[0]?.title ?? 'Trame';
	const tables = outcomeTables(outcome);
	const what = lang === 'fr' ? 'Résultats d’atelier exportés de Trame : notes, axes et synthèses, groupes.' : 'Workshop outcomes exported from Trame: notes, axes and syntheses, groups.';
	return {
		profile: 'tabular-data-package',
		name: slug(title),
		title,
		description: [outcome.event?.description.trim(), what].filter(Boolean).join('\n\n'),
		licenses: [licenceOf(outcome, lang)],
		created: tableDatetime(outcome.generatedAt),
		sources: [{ title: 'Trame', ...(options.origin ? { path: options.origin } : {}) }],
		keywords: ['trame', 'co-construction', ...new Set(outcome.boards.flatMap((b) => b.axes.map((a) => a.title)))],
		resources: tables.map((table) => ({
			name: table.name,
			path: `${table.name}.csv`,
			profile: 'tabular-data-resource',
			title: table.title[lang],
			description: table.description[lang],
			format: 'csv',
			mediatype: 'text/csv',
			encoding: 'utf-8',
			schema: {
				fields: table.fields.map((field) => ({
					name: field.name,
					type: field.type,
					description: field.description[lang],
					...(field.constraints ? { constraints: field.constraints } : {})
				})),
				primaryKey: table.primaryKey,
				missingValues: ['']
			}
		}))
	};
}

/** The zip's bytes: `datapackage.json` and the CSVs it names. */
export function toDataPackage(outcome: Outcome, options: DataPackageOptions = {}): Uint8Array {
	const files: Record<string, Uint8Array> = {
		'datapackage.json': strToU8(JSON.stringify(dataPackageDescriptor(outcome, options), null, 2) + '\n')
	};
	for (const table of outcomeTables(outcome)) files[`${table.name}.csv`] = strToU8(tableCsv(table));
	return zipSync(files);
}
