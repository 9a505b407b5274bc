/** tests/bench/RESULTS.md: what was run, where, and the table. */
import type { Results } from './rows';

const NOTES = [
	'How to read it:',
	'',
	'- Edit-to-peer: from a keystroke (a one-character insert at the end of a note, typed by a real provider:',
	'  y-websocket for Trame, HocuspocusProvider for Hocuspocus) to its arrival at each other client, over every',
	'  (keystroke, receiver) pair. Receivers are light clients (tests/bench/join.ts) that read each update\'s Yjs',
	'  id without decoding it: hundreds of full Y.Docs in the bench process saturate it before either server.',
	'- CPU: the server process only (/proc/<pid>/stat), averaged over the typing window, 100 % = one core.',
	'  RSS: the server\'s peak (VmHWM of /proc/<pid>/status).',
	'- Cold load: the board is stored, the server restarted, then 100 clients open a socket at once and ask',
	'  for the whole document; times run from opening the socket to receiving it. A real client then checks',
	'  every note came back. Both boards are seeded by a client (a board past Trame\'s 10,000-note limit would',
	'  be written into its SQLite file with its own persistence functions).',
	'- Crash: kill -9 at a random moment 0.2-3 s into the typing. Hocuspocus stores with its default',
	'  debounce (2 s after the last edit, at most 10 s), so edits it has broadcast but not stored are lost;',
	'  Trame stores each update before broadcasting it.',
	'- Browser (Trame only, Hocuspocus has no UI): interactive = navigation start until every note is on',
	'  screen and the connection is online; keystroke-to-paint = keydown until the frame after it.',
	'- Plenary (tests/bench/scenarios/plenary.ts): 1,200 light participants (raw sockets speaking each server\'s',
	'  protocol, no Y.Doc: Trame\'s one multiplexed socket, Hocuspocus\'s document-prefixed frames) join from',
	'  127.0.0.1 alone, in 60 s with five peak seconds at 100 joins/s, re-announce their presence every 15 s and',
	'  echo nobody. Then 10 writers add 20 notes/s for 20 s, then 100 notes/s for 10 s, while a facilitator',
	'  moves the focus every 2 s (Trame: the session document; Hocuspocus: a map of the same document).',
	'  Edit-to-everyone: until the last of 60 sampled participants has the note. Event-loop delay: round trip',
	'  of an HTTP request every 50 ms (/healthz, or Hocuspocus\'s /), which also counts the bench process\'s own',
	'  delay. Idle presence: awareness messages each participant receives per second over 10 s of silence.',
	'  Figures are the median of the runs. The bench process receives every message of 1,200 sockets: on a',
	'  loaded 2-core machine it, not the server, can be what is slow (compare the server CPU).',
	'- Plenary browser (Trame only): the browser scenario on a 10,000-note board with 50 others typing',
	'  (seeded with 9,999: the participant\'s note is the last one a board takes); interactive = every note',
	'  counted, the notes on screen drawn, online (lists are virtualised past 150). Median of the runs.',
	'- The machine is shared with other processes: single runs vary a lot, so compare ratios within a run.',
	'  Trame\'s larger idle RSS is its web app (SvelteKit) and Fastify, loaded in the same process.'
];

export function resultsMarkdown(results: Results, table: string, errors: string[]): string {
	const e = results.environment;
	const c = results.config;
	const ran = (scenario: string) => c.scenarios.includes(scenario);
	const lines = [
		'# Benchmark: Trame and Hocuspocus',
		'',
		'Written by `npm run bench` (tests/bench/). Both servers ran on this machine, one at a time,',
		'driven by the same Node clients making the same Yjs edits; ratios are Trame / Hocuspocus in the same run.',
		'',
		`- date: ${e.date}`,
		`- machine: ${e.cpu}, ${e.cores} cores, ${e.ramGiB} GiB RAM`,
		`- versions: Node ${e.node}, Trame ${e.trame}, yjs ${e.yjs}, Hocuspocus ${e.hocuspocus} (+ extension-sqlite), y-websocket ${e.yWebsocket}`,
		// Only the scenarios this run ran (BENCH_SCENARIOS).
		...(
			[
				[ran('fanout') || ran('event'), `- latency scenarios: best of ${c.repeat} alternating runs per server (lowest p99), to filter out other processes on the machine`],
				[ran('fanout'), `- fan-out: ${c.fanoutClients.join(' / ')} clients, one typist at ${c.fanoutRate} keystrokes/s for ${c.fanoutSeconds} s`],
				[ran('event'), `- event load: ${c.eventBoards} boards × ${c.eventClientsPerBoard} clients, ${c.eventTypistsPerBoard} typists per board at ${c.eventRate} keystrokes/s for ${c.eventSeconds} s`],
				[ran('cold'), `- cold load: boards of ${c.coldNotes.join(' / ')} notes, server restarted, ${c.coldJoiners} clients join at once`],
				[ran('crash'), `- crash: ${c.crashCycles} cycles of kill -9 while two clients type at ${c.crashRate} keystrokes/s`],
				[ran('browser'), `- browser (Trame only): headless Chromium on a ${c.browserNotes}-note board, ${c.browserKeystrokes} keystrokes while ${c.browserEditors} Node clients type elsewhere`],
				[ran('plenary'), `- plenary: ${c.plenaryParticipants} participants from one address joining in ${c.plenaryJoinSeconds} s, then 20 and 100 notes/s, median of ${c.repeat} alternating runs; browser on ${c.plenaryBrowserNotes} notes with ${c.plenaryBrowserEditors} others typing, median of ${c.repeat} runs`]
			] as [boolean, string][]
		)
			.filter(([on]) => on)
			.map(([, line]) => line),
		'',
		table,
		''
	];
	if (errors.length > 0) lines.push('Errors in this run:', '', ...errors.map((l) => `- ${l}`), '');
	if (results.skipped.length > 0) lines.push('Not measured:', '', ...results.skipped.map((l) => `- ${l}`), '');
	lines.push(...NOTES, '');
	return lines.join('\n');
}
