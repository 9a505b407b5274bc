/** Entry point: config → buildApp → listen; SIGTERM/SIGINT close cleanly. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';
import { DatabaseOpenError } from './db/plugin';
import { RedisUnreachable } from './sync/redis';
import { buildApp } from './app';

// dist/server.js → the repository root holds drizzle/ and build/.
const root = fileURLToPath(new URL('..', import.meta.url));

async function main() {
	const config = loadConfig(process.env, process.cwd(), root);
	const app = await buildApp({ config, migrationsFolder: join(root, 'drizzle') });
	let closing = false;
	const close = async (signal: string) => {
		if (closing) return;
		closing = true;
		app.log.info({ signal }, 'closing: storing and compacting open boards');
		const force = setTimeout(() => process.exit(1), 10_000);
		force.unref();
		await app.close();
		process.exit(0);
	};
	process.on('SIGTERM', () => void close('SIGTERM'));
	process.on('SIGINT', () => void close('SIGINT'));
	await app.listen({ port: config.port, host: config.host });
	app.log.info({ publicUrl: config.publicUrl, database: app.db.location, redis: config.redisUrl !== null }, `Trame is ready at ${config.publicUrl}`);
}

main().catch((err) => {
	if (err instanceof ConfigError || err instanceof DatabaseOpenError || err instanceof RedisUnreachable) {
		console.error(`Trame cannot start: ${err.message}`);
	} else {
		console.error('Trame cannot start:', err);
	}
	process.exit(1);
});
