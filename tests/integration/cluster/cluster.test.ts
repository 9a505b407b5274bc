/**
 * Several instances (DESIGN.md, scale): three real Trame processes share one
 * PostgreSQL database (this project's server, tests/helpers/postgres-setup.ts)
 * and one Redis (started here), with stock y-websocket clients on different
 * instances, as a load balancer without sticky sessions would spread them.
 */
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { addNote, noteText, readNotes, vote, votesCastBy } from '../../../src/lib/board/doc';
import { readSession, setPhase, setSessionField } from '../../../src/lib/board/session';
import { CloseCode } from '../../../src/lib/shared/errors';
import { newKey, participantIdOf } from '../../../src/lib/shared/identity';
import { startRedis, type RedisServer } from '../../helpers/backends';
import { clusterClient, startInstances, storedDoc, type ClusterClient } from '../../helpers/cluster';
import { createBoard, tokenOf, waitFor } from '../../helpers/clients';
import { testDatabaseUrl } from '../../helpers/store';
import { PROCESS_TEST_TIMEOUT_MS, sleep, type ServerProcess } from '../../helpers/server-process';
import { LightClient } from '../../helpers/mux-client';
import { LIMITS } from '../../../src/lib/shared/limits';

let redis: RedisServer;
beforeAll(async () => {
	redis = await startRedis();
});
afterAll(async () => {
	await redis.destroy();
});

async function cluster(n = 3, env: Record<string, string> = {}) {
	const url = (await testDatabaseUrl())!;
	const servers = await startInstances(n, { TRAME_DATABASE_URL: url, TRAME_REDIS_URL: redis.url, ...env });
	const board = await createBoard(servers[0]);
	return { url, servers, board };
}

/** A participant typing numbered words into their own note until stopped; `typed` holds every word. */
function typist(client: ClusterClient, noteId: string, label: string) {
	const typed: string[] = [];
	let stopped = false;
	const done = (async () => {
		for (let i = 0; !stopped; i++) {
			const text = noteText(client.doc, noteId)!;
			const word = `${label}.${i}`;
			text.insert(text.length, ` ${word}`);
			typed.push(word);
			await sleep(3 + (i % 5));
		}
	})();
	return {
		typed,
		async stop() {
			stopped = true;
			await done;
		}
	};
}

function words(client: { doc: ClusterClient['doc'] }, noteId: string): Set<string> {
	return new Set((noteText(client.doc, noteId)?.toString() ?? '').split(' ').filter(Boolean));
}

describe('several instances', { timeout: PROCESS_TEST_TIMEOUT_MS * 2 }, () => {
	test('clients on different instances converge on notes, session and private writing with its reveal', async () => {
		const { servers, board } = await cluster();
		const [a, b, c] = servers;
		const facilitator = await clusterClient(a, board.id, { token: board.tokens.facilitator, key: newKey() }, 'session');
		const aliceKey = newKey();
		const aliceId = await participantIdOf(aliceKey);
		const alice = await clusterClient(b, board.id, { token: board.tokens.participant, key: aliceKey });
		const bob = await clusterClient(c, board.id, { token: board.tokens.participant, key: newKey() });
		const screen = await clusterClient(c, board.id, { token: board.tokens.projector }, 'session');

		addNote(alice.doc, { axisId: 'lieux', authorId: aliceId, text: 'Une note publique' });
		await waitFor(() => readNotes(bob.doc).some((n) => n.text === 'Une note publique'), 'the note on another instance');

		setSessionField(facilitator.doc, 'privateWriting', true);
		await waitFor(() => readSession(screen.doc).privateWriting, 'private writing to reach the projector on another instance');
		const alicePrivate = await clusterClient(b, board.id, { token: board.tokens.participant, key: aliceKey }, 'private');
		addNote(alicePrivate.doc, { axisId: 'communs', authorId: aliceId, text: 'Secret de Alice' });
		await waitFor(() => readSession(screen.doc).privateCounts.communs === 1, 'the private count on the third instance');
		expect(JSON.stringify(readNotes(bob.doc))).not.toContain('Secret de Alice');

		// The reveal runs on the facilitator's instance, which never had alice's private document loaded.
		setSessionField(facilitator.doc, 'privateWriting', false);
		await waitFor(() => readNotes(bob.doc).some((n) => n.text === 'Secret de Alice'), 'the reveal on another instance');
		await waitFor(() => readNotes(alicePrivate.doc).length === 0, 'alice’s private document emptied on her instance');
		await waitFor(() => Object.keys(readSession(screen.doc).privateCounts).length === 0, 'the counts reset everywhere');
		expect(readNotes(alice.doc).map((n) => n.text).sort()).toEqual(['Secret de Alice', 'Une note publique']);
		for (const client of [alice, bob, facilitator, screen, alicePrivate]) expect(client.closes).toEqual([]);
	});

	test('100 rounds of three instances racing for the last vote of a budget: exactly the budget is accepted', async () => {
		const { url, servers, board } = await cluster();
		const authorKey = newKey();
		const authorId = await participantIdOf(authorKey);
		const author = await clusterClient(servers[0], board.id, { token: board.tokens.participant, key: authorKey });
		const notes = [1, 2, 3].map((i) => addNote(author.doc, { axisId: 'lieux', authorId, text: `idée ${i}` }));
		const facilitator = await clusterClient(servers[0], board.id, { token: board.tokens.facilitator, key: newKey() }, 'session');
		facilitator.doc.transact(() => {
			setPhase(facilitator.doc, 'vote');
			setSessionField(facilitator.doc, 'voteBudget', 1);
		});
		// Each instance must hold the phase and the budget before the race: its clients see what it applied.
		const sessions = await Promise.all(servers.map((s) => clusterClient(s, board.id, { token: board.tokens.projector }, 'session')));
		await waitFor(() => sessions.every((s) => readSession(s.doc).phase === 'vote' && readSession(s.doc).voteBudget === 1), 'the vote phase everywhere');
		const watcher = await clusterClient(servers[1], board.id, { token: board.tokens.projector });
		await waitFor(() => readNotes(watcher.doc).length === 3, 'the notes everywhere');

		const ROUNDS = 100;
		const voterIds: string[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			const key = newKey();
			const voterId = await participantIdOf(key);
			voterIds.push(voterId);
			// The same participant on the three instances at once, each voting for another note.
			const voters = await Promise.all(servers.map((s) => clusterClient(s, board.id, { token: board.tokens.participant, key })));
			voters.forEach((voter, i) => vote(voter.doc, notes[i], voterId, 1));
			await waitFor(
				() => votesCastBy(watcher.doc, voterId) === 1 && voters.filter((v) => v.closes.includes(CloseCode.refused)).length === 2,
				`round ${round}: one vote accepted and two refused`
			);
			for (const voter of voters) voter.destroy();
		}
		const stored = await storedDoc(url, board.id);
		for (const voterId of voterIds) expect(votesCastBy(stored, voterId)).toBe(1);
		expect(readNotes(stored).reduce((n, note) => n + Object.keys(note.votes).length, 0)).toBe(ROUNDS);
		expect(votesCastBy(watcher.doc, voterIds[0])).toBe(1);
	});

	test('kill -9 of an instance in the middle of a burst: every edit a surviving client saw is in PostgreSQL, and all converge elsewhere', async () => {
		const { url, servers, board } = await cluster();
		const [a, b, c] = servers;
		const keys = [newKey(), newKey()];
		const onA = await clusterClient(a, board.id, { token: board.tokens.participant, key: keys[0] });
		const onB = await clusterClient(b, board.id, { token: board.tokens.participant, key: keys[1] });
		const watcher = await clusterClient(c, board.id, { token: board.tokens.projector });
		const noteA = addNote(onA.doc, { axisId: 'lieux', authorId: await participantIdOf(keys[0]), text: 'a:' });
		const noteB = addNote(onB.doc, { axisId: 'lieux', authorId: await participantIdOf(keys[1]), text: 'b:' });
		await waitFor(() => readNotes(watcher.doc).length === 2, 'both notes on the third instance');
		// What the surviving clients saw of the note typed through the instance that dies.
		const seen = new Set<string>();
		const record = () => {
			for (const client of [onB, watcher]) for (const w of words(client, noteA)) seen.add(w);
		};
		onB.doc.on('update', record);
		watcher.doc.on('update', record);

		const typingA = typist(onA, noteA, 'a');
		const typingB = typist(onB, noteB, 'b');
		await waitFor(() => seen.size > 30, 'the burst to reach the others');
		await a.kill('SIGKILL');
		await sleep(200);
		await typingB.stop();
		record();
		onB.doc.off('update', record);
		watcher.doc.off('update', record);

		const stored = await storedDoc(url, board.id);
		const storedA = words({ doc: stored }, noteA);
		for (const word of seen) expect(storedA.has(word), `${word} was seen, so it must be stored`).toBe(true);

		// The orphaned client reconnects to another instance while its writer goes on typing (its first keystrokes
		// there arrive before its catch-up); everyone converges, its unsent words included.
		await onA.moveTo(b);
		await sleep(300);
		await typingA.stop();
		expect(onA.closes).not.toContain(CloseCode.refused);
		const expected = [...typingA.typed];
		await waitFor(
			() => [onA, onB, watcher].every((client) => expected.every((w) => words(client, noteA).has(w))),
			'every client to hold every word typed on the dead instance'
		);
		await waitFor(() => typingB.typed.every((w) => words(watcher, noteB).has(w)), 'the other writer’s words everywhere');
		const after = await storedDoc(url, board.id);
		expect(expected.every((w) => words({ doc: after }, noteA).has(w))).toBe(true);
	});

	test('Redis killed and restarted, then subscribers cut off: every instance converges again and nothing is lost', async () => {
		const { url, servers, board } = await cluster(2);
		const [a, b] = servers;
		const keys = [newKey(), newKey()];
		const onA = await clusterClient(a, board.id, { token: board.tokens.participant, key: keys[0] });
		const onB = await clusterClient(b, board.id, { token: board.tokens.participant, key: keys[1] });
		const noteA = addNote(onA.doc, { axisId: 'lieux', authorId: await participantIdOf(keys[0]), text: 'a:' });
		const noteB = addNote(onB.doc, { axisId: 'lieux', authorId: await participantIdOf(keys[1]), text: 'b:' });
		await waitFor(() => readNotes(onA.doc).length === 2 && readNotes(onB.doc).length === 2, 'both notes on both instances');
		const typingA = typist(onA, noteA, 'a');
		const typingB = typist(onB, noteB, 'b');
		const converged = (what: string) =>
			waitFor(
				() =>
					typingA.typed.every((w) => words(onB, noteA).has(w)) &&
					typingB.typed.every((w) => words(onA, noteB).has(w)),
				what,
				60_000
			);

		await sleep(200);
		await redis.kill();
		// Redis is away: each instance keeps serving its own clients (their sockets stay open).
		await sleep(500);
		const healthA = await fetch(`${a.origin}/healthz`);
		expect(healthA.status).toBe(503);
		expect((await healthA.json()).bus).toEqual({ kind: 'redis', state: 'unreachable' });
		await redis.start();
		await sleep(300);
		await typingA.stop();
		await typingB.stop();
		await converged('convergence after Redis restarted');
		let health = 503;
		for (let tries = 0; health !== 200 && tries < 100; tries++) {
			health = (await fetch(`${a.origin}/healthz`)).status;
			if (health !== 200) await sleep(100);
		}
		expect(health).toBe(200);

		const again = [typist(onA, noteA, 'a2'), typist(onB, noteB, 'b2')];
		await sleep(200);
		expect(await redis.command('CLIENT', 'KILL', 'TYPE', 'pubsub')).not.toBe('0');
		await sleep(300);
		await Promise.all(again.map((t) => t.stop()));
		await waitFor(
			() => again[0].typed.every((w) => words(onB, noteA).has(w)) && again[1].typed.every((w) => words(onA, noteB).has(w)),
			'convergence after the subscribers were cut off',
			60_000
		);
		for (const client of [onA, onB]) expect(client.closes).toEqual([]);
		const stored = await storedDoc(url, board.id);
		for (const w of [...typingA.typed, ...again[0].typed]) expect(words({ doc: stored }, noteA).has(w)).toBe(true);
		for (const w of [...typingB.typed, ...again[1].typed]) expect(words({ doc: stored }, noteB).has(w)).toBe(true);
	});

	test('an instance away while another compacted the board (its bus cut meanwhile) reloads it: its clients get every word', async () => {
		// Compaction after 10 updates: the other instance folds what this one missed into a snapshot several times over.
		const { url, servers, board } = await cluster(2, { TRAME_COMPACT_AFTER_UPDATES: '10' });
		const [a, b] = servers;
		const keys = [newKey(), newKey()];
		const onA = await clusterClient(a, board.id, { token: board.tokens.participant, key: keys[0] });
		const onB = await clusterClient(b, board.id, { token: board.tokens.participant, key: keys[1] });
		const noteA = addNote(onA.doc, { axisId: 'lieux', authorId: await participantIdOf(keys[0]), text: 'a:' });
		await waitFor(() => readNotes(onB.doc).length === 1, 'the note on the other instance');

		const typing = typist(onA, noteA, 'a');
		b.child.process.kill('SIGSTOP');
		try {
			// Both subscribers are cut; only a's comes back while b is frozen, so b never hears what follows.
			expect(await redis.command('CLIENT', 'KILL', 'TYPE', 'pubsub')).not.toBe('0');
			await sleep(400);
			await typing.stop();
			let stored = words({ doc: await storedDoc(url, board.id) }, noteA);
			for (let tries = 0; !typing.typed.every((w) => stored.has(w)) && tries < 100; tries++) {
				await sleep(100);
				stored = words({ doc: await storedDoc(url, board.id) }, noteA);
			}
			expect(typing.typed.every((w) => stored.has(w)), 'every word stored before b comes back').toBe(true);
			expect(typing.typed.length).toBeGreaterThan(30);
		} finally {
			b.child.process.kill('SIGCONT');
		}
		await waitFor(() => typing.typed.every((w) => words(onB, noteA).has(w)), 'every word on the instance that was away', 60_000);
		// Its instance holds the whole note too: what its client types next is accepted and reaches the other side.
		const text = noteText(onB.doc, noteA)!;
		text.insert(text.length, ' b.retour');
		await waitFor(() => words(onA, noteA).has('b.retour'), 'the next edit through the instance that was away', 60_000);
		expect(onB.closes).toEqual([]);
	});

	test('presence crosses instances: names in a workshop, the count of the whole hall in a plenary spread over two', async () => {
		const { servers, board } = await cluster(2);
		const [a, b] = servers;
		const light = async (server: ServerProcess, name: string, role: 'participant' | 'facilitator' = 'participant') => {
			const opened = await LightClient.open(server.origin, board.id, { token: board.tokens[role], key: newKey() });
			if (!('client' in opened)) throw new Error(`refused: ${opened.refused}`);
			onTestFinished(() => opened.client.close());
			opened.client.syncBoard();
			opened.client.announce({ user: { name } });
			return opened.client;
		};
		const names = (client: LightClient) => new Set(client.heard.map((e) => (e.state as { user?: { name: string } } | null)?.user?.name));

		// A workshop: each side sees the other's names, and sees them leave.
		const alice = await light(a, 'Alice');
		const bob = await light(b, 'Bob');
		await waitFor(() => names(bob).has('Alice') && names(alice).has('Bob'), 'each name on the other instance');
		alice.close();
		await waitFor(() => bob.heard.some((e) => e.clientId === alice.clientId && e.state === null), 'Alice gone on the other instance');

		// A plenary: half the hall on each instance; neither half alone is one.
		const half = Math.ceil(LIMITS.plenaryFrom / 2) + 5;
		const facilitator = await light(b, 'Animatrice', 'facilitator');
		const hallA = await Promise.all(Array.from({ length: half }, (_, i) => light(a, `A${i}`)));
		const hallB = await Promise.all(Array.from({ length: half - 1 }, (_, i) => light(b, `B${i}`)));
		const everyone = 2 * half + 1; // both halves, Bob and the facilitator
		await waitFor(() => [hallA[0], hallB[0], bob].every((c) => c.present === everyone), 'the count of the whole hall on both instances', 30_000);
		// Someone arriving on B now is told the count, and none of the names from A.
		const late = await light(b, 'Retardataire');
		await waitFor(() => late.present === everyone + 1, 'the count at a late arrival');
		const fromA = new Set(hallA.map((c) => c.clientId));
		expect(late.heard.filter((e) => fromA.has(e.clientId))).toEqual([]);
		await waitFor(() => hallA.every((c) => names(facilitator).has(`A${hallA.indexOf(c)}`)), 'every name at the facilitator');
	});

	test('the event page, from any instance, counts the connections on every instance', async () => {
		const { servers } = await cluster(2);
		const [a, b] = servers;
		const post = async (server: ServerProcess, path: string, body: object, token?: string) => {
			const headers: Record<string, string> = { 'content-type': 'application/json' };
			if (token) headers.authorization = `Bearer ${token}`;
			return (await fetch(`${server.origin}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json();
		};
		const event = await post(a, '/api/events', { title: 'Rencontres' });
		const organiser = tokenOf(event.links.organiser);
		const workshop = await post(a, `/api/events/${event.id}/boards`, { title: 'Atelier' }, organiser);
		const counted = async (server: ServerProcess) => {
			const details = await (await fetch(`${server.origin}/api/events/${event.id}`, { headers: { authorization: `Bearer ${organiser}` } })).json();
			const [board] = details.boards as { status: string; counts: { connected: number } }[];
			return `${board.status} ${board.counts.connected}`;
		};
		const eventually = async (server: ServerProcess, expected: string, what: string) => {
			let seen = await counted(server);
			for (let tries = 0; seen !== expected && tries < 100; tries++) {
				await sleep(100);
				seen = await counted(server);
			}
			expect(seen, what).toBe(expected);
		};

		// Two participants on b; the organiser's page is answered by a, which has nobody on the board.
		const participants = await Promise.all(
			[newKey(), newKey()].map((key) => clusterClient(b, workshop.id, { token: tokenOf(workshop.links.participant), key }))
		);
		await eventually(a, 'live 2', 'the connections on b, seen from a');
		await eventually(b, 'live 2', 'the same from b');
		for (const p of participants) p.destroy();
		await eventually(a, 'not_started 0', 'nobody left, seen from a');
	});
});
