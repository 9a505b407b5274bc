/**
 * The HTTP API over real HTTP against the built server (DESIGN.md, "HTTP API"):
 * clear JSON errors with the right status, and deleting a board closes its door.
 */
import { describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/lib/shared/limits';
import { newKey, participantIdOf } from '../../src/lib/shared/identity';
import { addNote, readNotes } from '../../src/lib/board/doc';
import { CloseCode, ErrorCode } from '../../src/lib/shared/errors';
import { connectClient, createBoard, openRaw, waitFor, yjsSocketUrl } from '../helpers/clients';
import { startServer, type ServerProcess, PROCESS_TEST_TIMEOUT_MS } from '../helpers/server-process';

function post(server: ServerProcess, body: string) {
	return fetch(`${server.origin}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

function del(server: ServerProcess, boardId: string, token: string) {
	return fetch(`${server.origin}/api/boards/${boardId}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
}

async function expectError(res: Response, status: number, code: ErrorCode) {
	expect(res.status).toBe(status);
	expect(res.headers.get('content-type')).toMatch(/^application\/json/);
	const body = await res.json();
	expect(body).toEqual({ error: { code, message: expect.any(String) } });
	expect(body.error.message.length).toBeGreaterThan(0);
}

describe('HTTP API of the real server process', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
	test('bad requests to POST /api/boards get clear JSON errors with the right status', async () => {
		const server = await startServer();
		await expectError(await post(server, '{"title":'), 400, ErrorCode.badRequest);
		await expectError(await post(server, JSON.stringify({ title: 'x'.repeat(LIMITS.bodyBytes + 1) })), 413, ErrorCode.tooLarge);
		await expectError(await post(server, JSON.stringify({ title: 'x'.repeat(LIMITS.titleLength + 1) })), 400, ErrorCode.validation);
		// The longest allowed title still works: the limit is where the README says.
		const ok = await post(server, JSON.stringify({ title: 'x'.repeat(LIMITS.titleLength) }));
		expect(ok.status).toBe(201);
	});

	test('DELETE needs the organiser link; afterwards the board is gone for everyone', async () => {
		const server = await startServer();
		const board = await createBoard(server);
		const key = newKey();
		const alice = await connectClient(server, board.id, { token: board.tokens.participant, key });
		const closed = new Promise<number>((resolve) => alice.provider.on('connection-close', (e) => e && resolve(e.code)));
		addNote(alice.doc, { axisId: 'lieux', authorId: await participantIdOf(key), text: 'à garder' });

		await expectError(await del(server, board.id, board.tokens.participant), 403, ErrorCode.forbidden);
		await expectError(await del(server, board.id, board.tokens.facilitator), 403, ErrorCode.forbidden);
		await expectError(await del(server, board.id, 'wrong'), 401, ErrorCode.unauthorized);
		// Refused deletions delete nothing.
		const fresh = await connectClient(server, board.id, { token: board.tokens.projector });
		await waitFor(() => readNotes(fresh.doc).length === 1, 'the note on a fresh client');
		fresh.destroy();

		const deleted = await del(server, board.id, board.tokens.organiser);
		expect(deleted.status).toBe(204);
		expect(await closed).toBe(CloseCode.revoked);
		for (const [role, token] of Object.entries(board.tokens)) {
			const params: Record<string, string> = role === 'projector' ? { token } : { token, key };
			expect(await openRaw(yjsSocketUrl(server, board.id, params))).toEqual({ refused: 404 });
		}
		await expectError(await del(server, board.id, board.tokens.organiser), 404, ErrorCode.notFound);
	});
});
