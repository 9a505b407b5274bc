import { defineConfig } from 'vitest/config';

/** The suites that also run against PostgreSQL (tests/helpers/store.ts), and the cluster tests, which need it. */
const POSTGRESQL = [
	'tests/unit/server/api.test.ts',
	'tests/unit/server/persistence.test.ts',
	'tests/integration/api.test.ts',
	'tests/integration/session.test.ts',
	'tests/integration/bad-clients.test.ts',
	'tests/integration/sync.test.ts',
	'tests/integration/private-notes.test.ts',
	'tests/integration/polls.test.ts',
	'tests/integration/premoderation.test.ts',
	'tests/integration/withhold.test.ts',
	'tests/integration/moderation.test.ts',
	'tests/unit/server/events-api.test.ts',
	'tests/unit/server/board-settings.test.ts',
	'tests/unit/server/export-api.test.ts',
	'tests/unit/server/tables-api.test.ts',
	'tests/unit/server/kits-api.test.ts',
	'tests/integration/cluster/**/*.test.ts'
];

// Unit and integration tests cover plain TypeScript (doc.ts, server/): no SvelteKit plugins needed.
export default defineConfig({
	test: {
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Integration tests start real servers; keep them from competing for the two cores.
		fileParallelism: false,
		projects: [
			{
				extends: true,
				test: {
					name: 'sqlite',
					include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
					exclude: ['tests/integration/cluster/**']
				}
			},
			{
				extends: true,
				test: { name: 'postgresql', include: POSTGRESQL, globalSetup: ['tests/helpers/postgres-setup.ts'] }
			}
		]
	}
});
