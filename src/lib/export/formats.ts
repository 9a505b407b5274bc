/**
 * Each export format: its media type, file name ending and renderer (one
 * module per format). A new format is one entry here and its module.
 */
import { toCsv } from './csv';
import { toDataPackage } from './datapackage';
import { toDecidim, type DecidimUnit } from './decidim';
import { toJson } from './json';
import { toMarkdown } from './markdown';
import { toSpreadsheet } from './spreadsheet';
import type { ExportFormat, ExportLang, Outcome } from './types';

export interface RenderOptions {
	lang?: ExportLang;
	/** CSV only. */
	separator?: ',' | ';';
	/** The app's public origin (JSON `$schema`, the data package's source). */
	origin?: string;
	/** Decidim only: one proposal per note or per group. */
	by?: DecidimUnit;
}

export interface Exporter {
	contentType: string;
	/** What ends the file name, after the title and date. */
	extension: string;
	render(outcome: Outcome, options: RenderOptions): string | Uint8Array;
}

export const EXPORTERS: Record<ExportFormat, Exporter> = {
	md: { contentType: 'text/markdown; charset=utf-8', extension: '.md', render: (o, opts) => toMarkdown(o, { lang: opts.lang }) },
	csv: { contentType: 'text/csv; charset=utf-8', extension: '.csv', render: (o, opts) => toCsv(o, { separator: opts.separator, lang: opts.lang }) },
	json: { contentType: 'application/json; charset=utf-8', extension: '.json', render: (o, opts) => toJson(o, { origin: opts.origin }) },
	datapackage: { contentType: 'application/zip', extension: '.zip', render: (o, opts) => toDataPackage(o, { lang: opts.lang, origin: opts.origin }) },
	ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', extension: '.ods', render: (o, opts) => toSpreadsheet(o, 'ods', { lang: opts.lang }) },
	xlsx: {
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		extension: '.xlsx',
		render: (o, opts) => toSpreadsheet(o, 'xlsx', { lang: opts.lang })
	},
	decidim: { contentType: 'application/json; charset=utf-8', extension: '.decidim.json', render: (o, opts) => toDecidim(o, { by: opts.by }) }
};
