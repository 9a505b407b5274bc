// `npm run bench`: bundles the TypeScript benchmark (tests/bench/main.ts and the
// shared modules it imports) into tests/bench/out/, then runs it. Packages stay
// external, as in scripts/build-server.js.
import { build } from 'esbuild';

await build({
	entryPoints: ['tests/bench/main.ts'],
	outfile: 'tests/bench/out/bench.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
await import('./out/bench.js');
