/**
 * The `security` plugin, registered right after `db` so its hooks run before
 * every route: security headers on every response (helmet; the web app's
 * pages get their Content-Security-Policy from SvelteKit, svelte.config.js),
 * and the gates on what needs no token — creating boards and events (a rate
 * limit per address, and the instance key when one is set) and trying join
 * codes (a rate limit on unknown codes, so the code space cannot be walked).
 */
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../src/lib/shared/errors';
import { isJoinCode, normaliseJoinCode } from '../src/lib/shared/join-code';
import { findBoardByJoinCode } from './db/boards';
import { bearerToken } from './api/auth';
import { sameSecret } from './tokens';
import { ApiError } from './errors';

export interface SecurityOptions {
	instanceKey: string | null;
	createsPerHour: number;
	joinFailsPerMinute: number;
	/** An ioredis client (several instances): the counts are shared through it. */
	redis?: unknown;
}

/** Routes anyone may call that create something (route patterns, POST). */
const CREATION_ROUTES = new Set(['/api/boards', '/api/events']);
const JOIN_PREFIX = '/j/';
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** JSON answers are never rendered: nothing may load or frame them. */
const API_CSP = { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] } };

const TOO_MANY_JOINS = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Trop d'essais</title>
<h1>Trop de codes inconnus essayés</h1><p>Cette adresse a essayé trop de codes qui n'existent pas. Attendez une minute, puis vérifiez le code.</p>
<h1 lang="en">Too many unknown codes</h1><p lang="en">This address tried too many codes that do not exist. Wait a minute, then check the code.</p></html>`;

/** The key the request presents: `X-Trame-Instance-Key`, else the bearer token. */
function presentedKey(request: FastifyRequest): string | null {
	const header = request.headers['x-trame-instance-key'];
	if (typeof header === 'string' && header) return header;
	return bearerToken(request);
}

/** The join code in `/j/<CODE>` (also `/j/<CODE>/__data.json`, SvelteKit's client-side navigation). */
function joinCodeOf(url: string): string {
	const segment = url.slice(JOIN_PREFIX.length).split(/[/?#]/)[0];
	try {
		return normaliseJoinCode(decodeURIComponent(segment));
	} catch {
		return '';
	}
}

export default fp<SecurityOptions>(
	async (app, opts) => {
		await app.register(helmet, {
			contentSecurityPolicy: API_CSP,
			frameguard: { action: 'deny' },
			referrerPolicy: { policy: 'no-referrer' }, // links carry their token: never send them to another site
			// No includeSubDomains: Trame may be one host of a domain it does not own.
			strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false }
		});
		// While Redis is away the limits are not counted rather than every creation failing.
		await app.register(rateLimit, { global: false, ...(opts.redis ? { redis: opts.redis, skipOnError: true } : {}) });

		const limitCreation =
			opts.createsPerHour > 0
				? app.rateLimit({
						max: opts.createsPerHour,
						timeWindow: HOUR,
						errorResponseBuilder: (_request, context) =>
							new ApiError(ErrorCode.tooMany, `Too many boards or events created from this address: try again in ${context.after}.`)
					})
				: null;
		const joinFails = opts.joinFailsPerMinute > 0 ? app.createRateLimit({ max: opts.joinFailsPerMinute, timeWindow: MINUTE }) : null;

		// Counted before the key is checked, so the limit also bounds guesses at the key.
		async function gateCreation(request: FastifyRequest, reply: FastifyReply): Promise<void> {
			if (limitCreation) await limitCreation.call(app, request, reply);
			const key = opts.instanceKey;
			if (key === null) return;
			const presented = presentedKey(request);
			if (!presented || !sameSecret(presented, key)) {
				throw new ApiError(
					ErrorCode.unauthorized,
					'This server asks for its instance key to create boards and events: send "Authorization: Bearer <key>" or "X-Trame-Instance-Key: <key>".'
				);
			}
		}

		// Only unknown codes count: a whole room joining from one wifi address never hits the limit.
		async function gateJoin(request: FastifyRequest, reply: FastifyReply): Promise<void> {
			if (!joinFails) return;
			const seen = await joinFails(request, { increment: false });
			if (!seen.isAllowed && seen.remaining === 0) {
				reply
					.code(429)
					.header('retry-after', Math.max(1, seen.ttlInSeconds))
					.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
					.type('text/html; charset=utf-8')
					.send(TOO_MANY_JOINS);
				return reply;
			}
			const code = joinCodeOf(request.url);
			if (!isJoinCode(code) || !(await findBoardByJoinCode(app.db, code))) await joinFails(request);
		}

		app.addHook('onRequest', async (request, reply) => {
			if (request.method === 'POST' && CREATION_ROUTES.has(request.routeOptions.url ?? '')) return gateCreation(request, reply);
			// Every method: HEAD answers a known code (303) apart from an unknown one (404) just as well.
			if (request.url.startsWith(JOIN_PREFIX)) return gateJoin(request, reply);
		});
	},
	{ name: 'security', dependencies: ['db'] }
);
