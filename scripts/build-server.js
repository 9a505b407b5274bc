// Bundles server/ (and the shared modules it imports from src/lib) into dist/server.js.
// Packages stay external: they are installed in node_modules.
import { build } from 'esbuild';

await build({
	entryPoints: ['server/index.ts'],
	outfile: 'dist/server.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
