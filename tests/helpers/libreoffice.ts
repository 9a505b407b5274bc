/**
 * Opens a spreadsheet as a user would, with LibreOffice (Debian's
 * libreoffice-calc-nogui, installed by .ci/run): converts every sheet to a
 * UTF-8 CSV (filter option token 12 = -1, LibreOffice ≥ 7.2) and reads them back.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// Field separator 44 (,), text delimiter 34 ("), charset 76 (UTF-8), from line 1, …, every sheet (-1).
const FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

/** Each sheet's cells as LibreOffice reads them, by sheet name. */
export async function sheetsViaLibreOffice(bytes: Uint8Array, extension: 'ods' | 'xlsx'): Promise<Map<string, string[][]>> {
	const dir = mkdtempSync(join(tmpdir(), 'trame-lo-'));
	try {
		writeFileSync(join(dir, `book.${extension}`), bytes);
		// Its own profile directory, so parallel runs never share LibreOffice's lock.
		await run('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', FILTER, '--outdir', join(dir, 'out'), join(dir, `book.${extension}`)], { timeout: 120_000 });
		const sheets = new Map<string, string[][]>();
		for (const file of readdirSync(join(dir, 'out'))) {
			const name = file.replace(/^book-/, '').replace(/\.csv$/, '');
			sheets.set(name, parseLibreOfficeCsv(readFileSync(join(dir, 'out', file), 'utf8')));
		}
		return sheets;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** LibreOffice's CSV: LF between records, quoted fields may hold line breaks, quotes doubled. */
function parseLibreOfficeCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
			else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') row.push(field), (field = '');
		else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
		else if (c !== '\r') field += c;
	}
	if (field || row.length) row.push(field), rows.push(row);
	return rows;
}
