// `npm run bench`: bundles the TypeScript benchmark (tests/bench/main.ts and the
// shared modules it imports) into tests/bench/out/, then runs it. Packages stay
// external, as in scripts/build-server.js. `node tests/bench/run.js cluster`
// (npm run bench:cluster) runs tests/bench/cluster.ts instead.
import { build } from 'esbuild';

const entry = process.argv[2] === 'cluster' ? 'cluster' : 'bench';

await build({
	entryPoints: [entry === 'cluster' ? 'tests/bench/cluster.ts' : 'tests/bench/main.ts'],
	outfile: `tests/bench/out/${entry}.js`,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
await import(`./out/${entry}.js`);
