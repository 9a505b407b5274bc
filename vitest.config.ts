import { defineConfig } from 'vitest/config';

// Unit and integration tests cover plain TypeScript (doc.ts, server/): no SvelteKit plugins needed.
export default defineConfig({
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Integration tests start real servers; keep them from competing for the two cores.
		fileParallelism: false
	}
});
