/** The `api` plugin: JSON routes under /api, encapsulated. */
import type { FastifyPluginAsync } from 'fastify';
import { ErrorCode } from '../../src/lib/shared/errors';
import { ApiError } from '../errors';
import type { TimeResponse } from '../../src/lib/shared/api';
import boards from './boards';
import moderation from './moderation';
import tokens from './tokens';
import events from './events';
import exportRoutes, { type ExportOptions } from './export';
import kits from './kits';
import tables from './tables';

const api: FastifyPluginAsync<ExportOptions> = async (app, opts) => {
	await app.register(boards);
	await app.register(moderation);
	await app.register(tokens);
	// The shared timer counts down to a server time; clients compute their clock's offset from this.
	app.get('/time', async (): Promise<TimeResponse> => ({ now: Date.now() }));
	await app.register(events);
	await app.register(exportRoutes, { publicUrl: opts.publicUrl });
	await app.register(kits, { publicUrl: opts.publicUrl });
	await app.register(tables);
	// Unknown API paths answer JSON, not the web app's HTML 404.
	app.all('/*', async () => {
		throw new ApiError(ErrorCode.notFound, 'No such API route.');
	});
};

export default api;
