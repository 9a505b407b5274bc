/**
 * The `web` plugin, registered last: everything no other route claimed goes
 * to the SvelteKit app (adapter-node's handler, which also serves static
 * assets). The request carries Trame's services for server-side loads.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import type { TrameServices } from '../src/lib/shared/services';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const web: FastifyPluginAsync<{ webDir: string; services: TrameServices }> = async (app, opts) => {
	const entry = join(opts.webDir, 'handler.js');
	if (!existsSync(entry)) throw new Error(`The web app is not built (${entry} is missing): run "npm run build".`);
	const { handler } = (await import(pathToFileURL(entry).href)) as { handler: Handler };

	app.route({
		method: ['GET', 'HEAD', 'POST'],
		url: '/*',
		// Pages carry SvelteKit's own Content-Security-Policy, with the hashes of its inline scripts (svelte.config.js).
		helmet: { contentSecurityPolicy: false },
		handler: (request, reply) => {
			reply.hijack();
			const req = request.raw as IncomingMessage & { trame?: TrameServices };
			req.trame = opts.services;
			handler(req, reply.raw, () => {
				reply.raw.statusCode = 404;
				reply.raw.end('Not found');
			});
		}
	});
};

export default web;
