// Hocuspocus 3 with its default settings and its SQLite extension, for `npm run bench`.
// The only departure from the defaults: a database file instead of ':memory:',
// so a restart (cold load) and a kill -9 (crash) are measured against storage.
import { join } from 'node:path';
import { Server } from '@hocuspocus/server';
import { SQLite, schema } from '@hocuspocus/extension-sqlite';
import sqlite3 from 'sqlite3';

const port = Number(process.env.PORT);
const dataDir = process.env.HOCUSPOCUS_DATA_DIR;
if (!port || !dataDir) {
	console.error('hocuspocus-server.js needs PORT and HOCUSPOCUS_DATA_DIR');
	process.exit(1);
}

const database = join(dataDir, 'hocuspocus.db');
// The extension creates its table without waiting for it (onConfigure), so a client that connects
// right after the first start fails with "no such table: documents": create it before listening.
await new Promise((resolve, reject) => {
	const db = new sqlite3.Database(database);
	db.run(schema, (err) => db.close(() => (err ? reject(err) : resolve())));
});

const server = new Server({
	port,
	address: process.env.HOST || '127.0.0.1',
	quiet: true,
	extensions: [new SQLite({ database })]
});
await server.listen();
