/** vitest globalSetup of the postgresql project: one real PostgreSQL server for the run, stopped at the end. */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './backends';

export default async function setup(project: TestProject) {
	const server = await startPostgres();
	project.provide('postgresAdminUrl', `postgres://postgres@127.0.0.1:${server.port}/postgres`);
	return () => server.destroy();
}
