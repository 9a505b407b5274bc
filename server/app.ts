/**
 * buildApp(): the Fastify server, plugins registered in order
 * (db → sync → api → web). The entry point (index.ts) only adds listen and signals.
 */
import Fastify, { type FastifyServerOptions } from 'fastify';
import { LIMITS } from '../src/lib/shared/limits';
import type { Config } from './config';
import dbPlugin from './db/plugin';
import syncPlugin from './sync/plugin';
import apiPlugin from './api/plugin';
import webPlugin from './web';
import retentionPlugin from './retention';
import securityPlugin from './security';
import { createServices } from './services';
import { toJsonError } from './errors';
import type { Bus } from './sync/bus';
import { localBus } from './sync/local';
import { redisBus } from './sync/redis';

export interface AppOptions {
	config: Config;
	migrationsFolder: string;
	/** Serve the SvelteKit build (false in API-only unit tests). */
	web?: boolean;
	logger?: FastifyServerOptions['logger'];
}

/** Tokens and keys travel in query strings: never log them (DESIGN.md, identity). */
export function redactUrl(url: string): string {
	const q = url.indexOf('?');
	return q === -1 ? url : url.slice(0, q) + '?[redacted]';
}

export async function buildApp({ config, migrationsFolder, web = true, logger }: AppOptions) {
	const app = Fastify({
		bodyLimit: LIMITS.bodyBytes,
		// Behind a reverse proxy, per-address limits need the client's address, not the proxy's.
		trustProxy: config.trustProxy,
		logger: logger ?? {
			level: config.logLevel,
			serializers: {
				req: (req) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip })
			}
		}
	});
	app.setErrorHandler(toJsonError);

	await app.register(dbPlugin, { file: config.databaseFile, url: config.databaseUrl, migrationsFolder });
	const bus: Bus & { client?: unknown } = config.redisUrl ? await redisBus(config.redisUrl, app.log) : localBus();
	app.addHook('onClose', () => bus.close());
	const { instanceKey, createsPerHour, joinFailsPerMinute } = config;
	// With Redis, the rate limits count across instances (@fastify/rate-limit's Redis store).
	await app.register(securityPlugin, { instanceKey, createsPerHour, joinFailsPerMinute, redis: bus.client });
	app.get('/healthz', async (_request, reply) => {
		const [database, busState] = await Promise.all([
			app.db.ping().then(() => 'ok', () => 'unreachable'),
			bus.ping().then(() => 'ok', () => 'unreachable')
		]);
		const ok = database === 'ok' && busState === 'ok';
		reply.code(ok ? 200 : 503);
		return {
			status: ok ? 'ok' : 'degraded',
			database: { kind: app.db.dialect, state: database },
			bus: { kind: bus.kind, state: busState }
		};
	});
	await app.register(syncPlugin, {
		bus,
		compactAfterUpdates: config.compactAfterUpdates,
		unloadAfterMs: config.unloadAfterMs,
		pingIntervalMs: config.pingIntervalMs,
		publicUrl: config.publicUrl,
		connectionsPerIp: config.connectionsPerIp,
		joinsPerSecond: config.joinsPerSecond
	});
	await app.register(apiPlugin, { prefix: '/api', publicUrl: config.publicUrl });
	if (config.retentionDays !== null) await app.register(retentionPlugin, { days: config.retentionDays });
	if (web) await app.register(webPlugin, { webDir: config.webDir, services: createServices(app, config) });
	return app;
}
