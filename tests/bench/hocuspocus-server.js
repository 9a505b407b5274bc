// Hocuspocus 3 with its default settings and its SQLite extension, for `npm run bench`.
// The only departure from the defaults: a database file instead of ':memory:',
// so a restart (cold load) and a kill -9 (crash) are measured against storage.
import { join } from 'node:path';
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const port = Number(process.env.PORT);
const dataDir = process.env.HOCUSPOCUS_DATA_DIR;
if (!port || !dataDir) {
	console.error('hocuspocus-server.js needs PORT and HOCUSPOCUS_DATA_DIR');
	process.exit(1);
}

const server = new Server({
	port,
	address: process.env.HOST || '127.0.0.1',
	quiet: true,
	extensions: [new SQLite({ database: join(dataDir, 'hocuspocus.db') })]
});
await server.listen();
