/**
 * A strict RFC 4180 reader for the tests (records end with CRLF, quoted fields
 * may hold separators, quotes doubled, line breaks). Independent of csv.ts on
 * purpose: it checks what a spreadsheet would read back.
 */
export function parseCsv(input: string, separator: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let i = 0;
	while (i < input.length) {
		if (input[i] === '"' && field === '') {
			i++;
			while (i < input.length) {
				if (input[i] === '"' && input[i + 1] === '"') (field += '"'), (i += 2);
				else if (input[i] === '"') break;
				else field += input[i++];
			}
			if (input[i] !== '"') throw new Error('unterminated quoted field');
			i++;
			if (i < input.length && input[i] !== separator && input[i] !== '\r') throw new Error(`text after a quoted field at ${i}`);
		} else if (input[i] === separator) {
			row.push(field);
			field = '';
			i++;
		} else if (input[i] === '\r' && input[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i += 2;
		} else if (input[i] === '\n' || input[i] === '\r') {
			throw new Error(`bare line break outside quotes at ${i}`);
		} else field += input[i++];
	}
	if (field !== '' || row.length > 0) throw new Error('last record does not end with CRLF');
	return rows;
}
