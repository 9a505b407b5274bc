/**
 * The `security` plugin through the real app: headers on every answer, the
 * creation limit and instance key, and the limit on unknown join codes.
 */
import { describe, expect, test } from 'vitest';
import type { CreateBoardResponse } from '../../../src/lib/shared/api';
import { ConfigError, loadConfig } from '../../../server/config';
import { sameSecret } from '../../../server/tokens';
import { buildTestApp } from '../../helpers/build-app';

const INSTANCE_KEY = 'une-cle-assez-longue-2026';
type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

function createBoard(app: App, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') {
	return app.inject({ method: 'POST', url: '/api/boards', payload: { title: 'Atelier' }, headers, remoteAddress });
}

function createEvent(app: App, remoteAddress = '127.0.0.1') {
	return app.inject({ method: 'POST', url: '/api/events', payload: { title: 'Rencontres' }, remoteAddress });
}

describe('security headers', () => {
	test('API answers forbid framing, sniffing, referrers and any loading', async () => {
		const { app } = await buildTestApp();
		const response = await app.inject({ method: 'GET', url: '/api/time' });
		expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
		expect(response.headers['x-frame-options']).toBe('DENY');
		expect(response.headers['x-content-type-options']).toBe('nosniff');
		expect(response.headers['referrer-policy']).toBe('no-referrer');
		expect(response.headers['strict-transport-security']).toBe('max-age=15552000');
		// Errors too: they go through the same hooks.
		const missing = await app.inject({ method: 'GET', url: '/api/nothing-here' });
		expect(missing.statusCode).toBe(404);
		expect(missing.headers['x-frame-options']).toBe('DENY');
	});
});

describe('creating boards and events', () => {
	test('one address may create a limited number per hour, boards and events together; others are not affected', async () => {
		const { app } = await buildTestApp({ TRAME_CREATES_PER_HOUR: '3' });
		expect((await createBoard(app)).statusCode).toBe(201);
		expect((await createEvent(app)).statusCode).toBe(201);
		expect((await createBoard(app)).statusCode).toBe(201);
		const refused = await createBoard(app);
		expect(refused.statusCode).toBe(429);
		expect(refused.json()).toMatchObject({ error: { code: 'too_many_requests' } });
		expect(refused.json().error.message).toMatch(/try again in/);
		expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
		expect((await createEvent(app)).statusCode).toBe(429);
		expect((await createBoard(app, {}, '10.1.2.3')).statusCode).toBe(201);
	});

	test('reading and using boards is not counted', async () => {
		const { app } = await buildTestApp({ TRAME_CREATES_PER_HOUR: '1' });
		const board = (await createBoard(app)).json() as CreateBoardResponse;
		const organiser = new URL(board.links.organiser, 'http://x').searchParams.get('token')!;
		for (let i = 0; i < 5; i++) {
			const read = await app.inject({ method: 'GET', url: `/api/boards/${board.id}`, headers: { authorization: `Bearer ${organiser}` } });
			expect(read.statusCode).toBe(200);
		}
	});

	test('with an instance key, creating needs it (bearer or X-Trame-Instance-Key), and only it', async () => {
		const { app } = await buildTestApp({ TRAME_INSTANCE_KEY: INSTANCE_KEY });
		const missing = await createBoard(app);
		expect(missing.statusCode).toBe(401);
		expect(missing.json()).toMatchObject({ error: { code: 'unauthorized' } });
		expect(missing.json().error.message).toMatch(/instance key/);
		expect((await createBoard(app, { authorization: `Bearer ${INSTANCE_KEY}x` })).statusCode).toBe(401);
		expect((await createBoard(app, { 'x-trame-instance-key': INSTANCE_KEY.slice(1) })).statusCode).toBe(401);
		expect((await createEvent(app)).statusCode).toBe(401);
		expect((await createBoard(app, { authorization: `Bearer ${INSTANCE_KEY}` })).statusCode).toBe(201);
		expect((await createBoard(app, { 'x-trame-instance-key': INSTANCE_KEY })).statusCode).toBe(201);
	});

	test('wrong instance keys count against the creation limit, so the key cannot be guessed quickly', async () => {
		const { app } = await buildTestApp({ TRAME_INSTANCE_KEY: INSTANCE_KEY, TRAME_CREATES_PER_HOUR: '2' });
		expect((await createBoard(app, { authorization: 'Bearer guess-number-one-xx' })).statusCode).toBe(401);
		expect((await createBoard(app, { authorization: 'Bearer guess-number-two-xx' })).statusCode).toBe(401);
		expect((await createBoard(app, { authorization: `Bearer ${INSTANCE_KEY}` })).statusCode).toBe(429);
	});

	test('without an instance key, nobody is asked for one', async () => {
		const { app } = await buildTestApp();
		expect((await createBoard(app)).statusCode).toBe(201);
	});
});

describe('join codes', () => {
	test('unknown codes are limited per address; known codes never count; the limit then holds for every code', async () => {
		const { app } = await buildTestApp({ TRAME_JOIN_FAILS_PER_MINUTE: '3' });
		const board = (await createBoard(app)).json() as CreateBoardResponse;
		const join = (code: string, remoteAddress = '127.0.0.1') => app.inject({ method: 'GET', url: `/j/${code}`, remoteAddress });
		// A whole room joining from one wifi address.
		for (let i = 0; i < 10; i++) expect((await join(board.joinCode)).statusCode).not.toBe(429);
		expect((await join('ZZZZZZ')).statusCode).not.toBe(429);
		expect((await app.inject({ method: 'HEAD', url: '/j/YYYYYY' })).statusCode).not.toBe(429); // counted like GET
		expect((await join('not-a-code')).statusCode).not.toBe(429);
		const blocked = await join('XXXXXX');
		expect(blocked.statusCode).toBe(429);
		expect(blocked.headers['content-type']).toMatch(/^text\/html/);
		expect(blocked.body).toContain('Trop de codes inconnus');
		expect(blocked.body).toContain('Too many unknown codes');
		expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
		// Walking stops for this address, even when a guess would have been right…
		expect((await join(board.joinCode)).statusCode).toBe(429);
		// …including SvelteKit's client-side navigation data for the page.
		expect((await app.inject({ method: 'GET', url: `/j/${board.joinCode}/__data.json` })).statusCode).toBe(429);
		expect((await app.inject({ method: 'HEAD', url: `/j/${board.joinCode}` })).statusCode).toBe(429);
		expect((await join('XXXXXX', '10.9.8.7')).statusCode).not.toBe(429);
	});

	test('0 turns the limit off', async () => {
		const { app } = await buildTestApp({ TRAME_JOIN_FAILS_PER_MINUTE: '0' });
		for (let i = 0; i < 40; i++) expect((await app.inject({ method: 'GET', url: '/j/ZZZZZZ' })).statusCode).not.toBe(429);
	});
});

describe('settings', () => {
	test('defaults: 20 creations per hour, 30 unknown join codes per minute, no instance key, no proxy trusted', () => {
		expect(loadConfig({})).toMatchObject({ createsPerHour: 20, joinFailsPerMinute: 30, instanceKey: null, trustProxy: false });
	});

	test.each([
		['TRAME_INSTANCE_KEY', 'short'],
		['TRAME_INSTANCE_KEY', 'with a space inside it'],
		['TRAME_CREATES_PER_HOUR', '-1'],
		['TRAME_JOIN_FAILS_PER_MINUTE', 'many'],
		['TRAME_TRUST_PROXY', 'my-proxy'],
		['TRAME_PING_INTERVAL_MS', '5']
	])('a bad %s (%s) stops the start with a message naming it', (name, value) => {
		expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
		expect(() => loadConfig({ [name]: value })).toThrow(name);
	});

	test('trusting a proxy takes the client address from X-Forwarded-For', async () => {
		const { app } = await buildTestApp({ TRAME_TRUST_PROXY: '127.0.0.1', TRAME_CREATES_PER_HOUR: '1' });
		const via = (client: string) => createBoard(app, { 'x-forwarded-for': client });
		expect((await via('203.0.113.1')).statusCode).toBe(201);
		expect((await via('203.0.113.1')).statusCode).toBe(429);
		expect((await via('203.0.113.2')).statusCode).toBe(201);
	});
});

test('secrets compare equal only when identical, whatever their lengths', () => {
	expect(sameSecret(INSTANCE_KEY, INSTANCE_KEY)).toBe(true);
	expect(sameSecret(INSTANCE_KEY, `${INSTANCE_KEY} `)).toBe(false);
	expect(sameSecret('', INSTANCE_KEY)).toBe(false);
});
