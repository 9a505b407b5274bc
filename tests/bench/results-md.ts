/** tests/bench/RESULTS.md: what was run, where, and the table. */
import type { Results } from './rows';

export function resultsMarkdown(results: Results, table: string, errors: string[]): string {
	const e = results.environment;
	const c = results.config;
	const lines = [
		'# Benchmark: Trame and Hocuspocus',
		'',
		'Written by `npm run bench` (tests/bench/). Both servers ran on this machine, one at a time,',
		'driven by the same Node clients making the same Yjs edits; ratios are Trame / Hocuspocus in the same run.',
		'',
		`- date: ${e.date}`,
		`- machine: ${e.cpu}, ${e.cores} cores, ${e.ramGiB} GiB RAM`,
		`- versions: Node ${e.node}, Trame ${e.trame}, yjs ${e.yjs}, Hocuspocus ${e.hocuspocus} (+ extension-sqlite), y-websocket ${e.yWebsocket}`,
		`- latency scenarios: best of ${c.repeat} alternating runs per server (lowest p99), to filter out other processes on the machine`,
		`- fan-out: ${c.fanoutClients.join(' / ')} clients, one typist at ${c.fanoutRate} keystrokes/s for ${c.fanoutSeconds} s`,
		`- event load: ${c.eventBoards} boards × ${c.eventClientsPerBoard} clients, ${c.eventTypistsPerBoard} typists per board at ${c.eventRate} keystrokes/s for ${c.eventSeconds} s`,
		`- cold load: boards of ${c.coldNotes.join(' / ')} notes, server restarted, ${c.coldJoiners} clients join at once`,
		`- crash: ${c.crashCycles} cycles of kill -9 while two clients type at ${c.crashRate} keystrokes/s`,
		`- browser (Trame only): headless Chromium on a ${c.browserNotes}-note board, ${c.browserKeystrokes} keystrokes while ${c.browserEditors} Node clients type elsewhere`,
		'',
		table,
		''
	];
	if (errors.length > 0) lines.push('Errors in this run:', '', ...errors.map((l) => `- ${l}`), '');
	if (results.skipped.length > 0) lines.push('Not measured:', '', ...results.skipped.map((l) => `- ${l}`), '');
	lines.push(
		'How to read it: latencies are from the keystroke (a one-character insert at the end of a note) to the',
		'moment another client received it, over every (keystroke, receiver) pair. CPU is the server process',
		"only, averaged over the typing window (100 % = one core); RSS is the server's peak (VmHWM). Cold load:",
		'the time from the 100 clients opening their sockets to each one\'s first sync, the server having just',
		'restarted. Hocuspocus stores with its default debounce (2 s, at most 10 s), so a kill -9 loses what it',
		'has broadcast but not yet stored; Trame stores each update before broadcasting it.',
		''
	);
	return lines.join('\n');
}
