/**
 * Scenario `plenary` (issue 11), the same workload on both servers: 1,200
 * light participants (raw sockets speaking the protocol, tests/helpers/mux-client.ts)
 * join within 60 s from ONE address, 127.0.0.1 (a venue's wifi), with peaks
 * of 100 joins/s; then 20 new notes/s, then a 10 s burst at 100/s, while a
 * facilitator moves the focus every 2 s; then 10 s of idle presence.
 * Every participant re-announces its presence every 15 s, as stock clients do,
 * and none echoes others' states (Trame's client drops echoes; stock clients'
 * echoes are dropped by Trame's server anyway).
 * Trame: one multiplexed socket each (`/yjs/<id>/mux`). Hocuspocus 3: its own
 * framing (the document's name, then the message) after its auth message.
 */
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { addNote } from '../../../src/lib/board/doc';
import { sessionOf } from '../../../src/lib/board/session';
import { newKey, participantIdOf } from '../../../src/lib/shared/identity';
import type { CreateBoardResponse } from '../../../src/lib/shared/api';
import { LightClient, syncStep1Empty } from '../../helpers/mux-client';
import { watchProcess } from '../proc';
import { startServer, type RunningServer, type ServerKind } from '../servers';
import { sleep, summarize } from '../stats';

export interface PlenaryLoad {
	participants: number;
	joinSeconds: number;
	steadyRate: number;
	steadySeconds: number;
	burstRate: number;
	burstSeconds: number;
	idleSeconds: number;
	/** Wall-clock budget of one run: a server that cannot get through the workload in it is reported as such. */
	capMs: number;
}

export interface PlenaryResult {
	/** The phase the run was in when it hit its budget (later figures are NaN), or null when it finished. */
	unfinished: string | null;
	/** Runs the figures are the median of (set by the bench's main). */
	runs?: number;
	joined: number;
	refused: number;
	syncP50: number;
	syncP99: number;
	steadyP50: number;
	steadyP99: number;
	burstP50: number;
	burstP99: number;
	/** Notes some sampled participant never received (%). */
	lostPercent: number;
	cpuPercent: number;
	rssPeakMiB: number;
	/** Round trip of an HTTP request to the server every 50 ms: its event loop's delay, seen from outside. */
	loopP99: number;
	idleAwarenessPerPhone: number;
}

const SAMPLED = 60;
const WRITERS = 10;
const MARK = 0xa7; // '§' in UTF-8 is C2 A7: each note's text carries §<sequence>§
const RENEW_MS = 15_000;

/** Joins per second: five peak seconds at 100/s, the rest spread evenly over the other seconds. */
function joinSchedule(total: number, seconds: number): number[] {
	const peaks = new Set([5, 15, 30, 45, 55].filter((s) => s < seconds));
	const counts: number[] = Array.from({ length: seconds }, (_, s) => (peaks.has(s) ? 100 : 0));
	const plain = counts.map((_, s) => s).filter((s) => !peaks.has(s));
	const rest = Math.max(0, total - peaks.size * 100);
	plain.forEach((s, k) => (counts[s] = Math.floor(((k + 1) * rest) / plain.length) - Math.floor((k * rest) / plain.length)));
	return counts;
}

interface Target {
	kind: ServerKind;
	port: number;
	boardId: string;
	/** Trame: participant and facilitator tokens. */
	tokens: { participant: string; facilitator: string };
}

async function setUp(server: RunningServer): Promise<Target> {
	if (server.kind === 'hocuspocus') return { kind: 'hocuspocus', port: server.port, boardId: `plenary-${Date.now()}`, tokens: { participant: '', facilitator: '' } };
	const res = await fetch(`http://127.0.0.1:${server.port}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title: 'Plénière', template: 'nec' })
	});
	const board = (await res.json()) as CreateBoardResponse;
	const token = (link: string) => new URL(link, 'http://x').searchParams.get('token')!;
	return { kind: 'trame', port: server.port, boardId: board.id, tokens: { participant: token(board.links.participant), facilitator: token(board.links.facilitator) } };
}

function authMessage(): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 2); // Hocuspocus MessageType.Auth
	encoding.writeVarUint(e, 0); // token
	encoding.writeVarString(e, '');
	return encoding.toUint8Array(e);
}

/** Opens one participant and asks for the board; null if refused. */
async function join(target: Target, key: string, role: 'participant' | 'facilitator' = 'participant'): Promise<LightClient | null> {
	const opening =
		target.kind === 'trame'
			? LightClient.open(`http://127.0.0.1:${target.port}`, target.boardId, { token: target.tokens[role], key })
			: LightClient.connect(`ws://127.0.0.1:${target.port}`, target.boardId);
	// An upgrade still unanswered after 30 s counts as refused (a person would have given up).
	const result = await Promise.race([opening.catch(() => null), sleep(30_000).then(() => null)]);
	if (!result) void opening.then((r) => 'client' in r && r.client.close(), () => undefined);
	if (!result || !('client' in result)) return null;
	const client = result.client;
	client.countOnly = true;
	if (target.kind === 'trame') client.syncBoard();
	else {
		client.send(target.boardId, authMessage());
		client.send(target.boardId, syncStep1Empty());
	}
	return client;
}

/** Sequence numbers found in an update's bytes (each note's text is §<n>§). */
function marks(update: Uint8Array): number[] {
	const found: number[] = [];
	for (let i = update.indexOf(MARK); i >= 0 && i < update.length; i = update.indexOf(MARK, i + 1)) {
		let n = 0;
		let j = i + 1;
		for (; j < update.length && update[j] >= 0x30 && update[j] <= 0x39; j++) n = n * 10 + update[j] - 0x30;
		if (j > i + 1 && update[j] === 0xc2) found.push(n);
	}
	return found;
}

export async function plenary(kind: ServerKind, load: PlenaryLoad): Promise<PlenaryResult> {
	const server = await startServer(kind);
	const watch = watchProcess(server.pid);
	let used: ReturnType<typeof watch.stop> | null = null;
	// Stopped once, while the server still runs (its /proc entry goes with it).
	const usage = { stop: () => (used ??= watch.stop()) };
	const clients: LightClient[] = [];
	/** Writers and the facilitator: closed at the end too. */
	const extras: LightClient[] = [];
	const loop: number[] = [];
	let probing = true;
	const probe = (async () => {
		const url = `http://127.0.0.1:${server.port}${kind === 'trame' ? '/healthz' : '/'}`;
		while (probing) {
			const t = performance.now();
			await fetch(url).then((r) => r.arrayBuffer()).catch(() => undefined);
			loop.push(performance.now() - t);
			await sleep(50);
		}
	})();
	const startedAt = performance.now();
	const overBudget = () => performance.now() - startedAt > load.capMs;
	try {
		const target = await setUp(server);
		// Joins, on schedule; each participant announces itself and renews every 15 s.
		const syncTimes: number[] = [];
		const renewers: NodeJS.Timeout[] = [];
		const pending: Promise<void>[] = [];
		for (const count of joinSchedule(load.participants, load.joinSeconds)) {
			const second = performance.now();
			for (let i = 0; i < count; i++) {
				const started = performance.now();
				pending.push(
					join(target, newKey()).then((client) => {
						if (!client) return;
						clients.push(client);
						client.announce({ user: { name: `P${clients.length}` } });
						const wait = setInterval(() => {
							if (!client.synced) return;
							clearInterval(wait);
							syncTimes.push(client.syncedAt - started);
						}, 5);
						renewers.push(setInterval(() => client.renew(), RENEW_MS));
					})
				);
				await sleep(Math.max(0, (1000 / count) * (i + 1) - (performance.now() - second)));
			}
		}
		await Promise.race([Promise.all(pending), sleep(Math.max(0, load.capMs - (performance.now() - startedAt)))]);
		const deadline = performance.now() + 30_000;
		while (clients.some((c) => !c.synced) && performance.now() < deadline) await sleep(50);
		const unsynced = clients.filter((c) => !c.synced).length;
		const sync = summarize(syncTimes);
		const joined = { joined: clients.length - unsynced, refused: load.participants - clients.length + unsynced, syncP50: sync.p50, syncP99: sync.p99 };
		const unfinished = (phase: string): PlenaryResult => {
			const used = usage.stop();
			return {
				unfinished: phase, ...joined, steadyP50: NaN, steadyP99: NaN, burstP50: NaN, burstP99: NaN, lostPercent: NaN,
				cpuPercent: used.cpuPercent, rssPeakMiB: used.rssPeakMiB, loopP99: summarize(loop).p99, idleAwarenessPerPhone: NaN
			};
		};
		if (overBudget()) return unfinished('joins');

		// Writers: notes built in local documents (no need for the board's state to add to it).
		const writers: { client: LightClient; doc: Y.Doc; authorId: string }[] = [];
		for (let i = 0; i < WRITERS; i++) {
			const key = newKey();
			const client = await join(target, key);
			if (!client) return unfinished('writers joining');
			extras.push(client);
			writers.push({ client, doc: new Y.Doc(), authorId: kind === 'trame' ? await participantIdOf(key) : `w${i}` });
		}
		const facilitatorKey = newKey();
		const facilitator = await join(target, facilitatorKey, 'facilitator');
		if (facilitator) extras.push(facilitator);
		const focusDoc = new Y.Doc();
		const sampled = clients.slice(-SAMPLED);
		const sent = new Map<number, number>();
		const lastArrival = new Map<number, number>();
		const seenBy = new Map<number, number>();
		for (const c of sampled) {
			c.onUpdate = (update) => {
				const now = performance.now();
				for (const n of marks(update)) {
					lastArrival.set(n, now);
					seenBy.set(n, (seenBy.get(n) ?? 0) + 1);
				}
			};
		}
		let seq = 0;
		const write = async (rate: number, seconds: number): Promise<number[]> => {
			const first = seq;
			const start = performance.now();
			let focus = 0;
			for (let i = 0; i < rate * seconds && !overBudget(); i++) {
				const w = writers[i % WRITERS];
				const n = seq++;
				const before = Y.encodeStateVector(w.doc);
				addNote(w.doc, { axisId: ['lieux', 'donnees', 'communs'][n % 3], authorId: w.authorId, text: `§${n}§ idée de la salle` });
				sent.set(n, performance.now());
				w.client.sendUpdate(Y.encodeStateAsUpdate(w.doc, before));
				if (facilitator && performance.now() - start > focus * 2000) {
					const before = Y.encodeStateVector(focusDoc);
					const map = kind === 'trame' ? sessionOf(focusDoc) : focusDoc.getMap('session');
					map.set('focus', { kind: 'axis', id: ['lieux', 'donnees', 'communs'][focus++ % 3] });
					const update = Y.encodeStateAsUpdate(focusDoc, before);
					if (kind === 'trame') facilitator.send('session', syncUpdate(update));
					else facilitator.sendUpdate(update);
				}
				await sleep(Math.max(0, ((i + 1) * 1000) / rate - (performance.now() - start)));
			}
			// Until every sampled phone has every note of the phase (at most 15 s: what is still missing then is counted missed).
			const phase = Array.from({ length: seq - first }, (_, k) => first + k);
			const until = performance.now() + 15_000;
			while (phase.some((n) => (seenBy.get(n) ?? 0) < sampled.length) && performance.now() < until) await sleep(100);
			return phase;
		};
		const steady = await write(load.steadyRate, load.steadySeconds);
		const burst = await write(load.burstRate, load.burstSeconds);
		if (overBudget()) return unfinished('writes');
		const toEveryone = (ns: number[]) =>
			summarize(ns.filter((n) => seenBy.get(n) === sampled.length).map((n) => lastArrival.get(n)! - sent.get(n)!));
		const lost = [...sent.keys()].filter((n) => (seenBy.get(n) ?? 0) < sampled.length).length;

		// Idle: nobody writes; count the presence messages each phone receives.
		const before = clients.map((c) => c.awarenessMessages);
		const idleStart = performance.now();
		await sleep(load.idleSeconds * 1000);
		const idleSeconds = (performance.now() - idleStart) / 1000;
		const idle = clients.reduce((n, c, i) => n + c.awarenessMessages - before[i], 0) / clients.length / idleSeconds;

		for (const r of renewers) clearInterval(r);
		const used = usage.stop();
		const s = toEveryone(steady);
		const b = toEveryone(burst);
		probing = false;
		await probe;
		for (const w of writers) w.client.close();
		facilitator?.close();
		return {
			unfinished: null,
			...joined,
			steadyP50: s.p50,
			steadyP99: s.p99,
			burstP50: b.p50,
			burstP99: b.p99,
			lostPercent: (lost / Math.max(1, sent.size)) * 100,
			cpuPercent: used.cpuPercent,
			rssPeakMiB: used.rssPeakMiB,
			loopP99: summarize(loop).p99,
			idleAwarenessPerPhone: idle
		};
	} finally {
		usage.stop();
		probing = false;
		for (const c of [...clients, ...extras]) c.close();
		await server.stop();
	}
}

function syncUpdate(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	encoding.writeVarUint(e, 2);
	encoding.writeVarUint8Array(e, update);
	return encoding.toUint8Array(e);
}
