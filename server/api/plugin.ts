/** The `api` plugin: JSON routes under /api, encapsulated. */
import type { FastifyPluginAsync } from 'fastify';
import { ErrorCode } from '../../src/lib/shared/errors';
import { ApiError } from '../errors';
import boards from './boards';

const api: FastifyPluginAsync = async (app) => {
	await app.register(boards);
	// Unknown API paths answer JSON, not the web app's HTML 404.
	app.all('/*', async () => {
		throw new ApiError(ErrorCode.notFound, 'No such API route.');
	});
};

export default api;
