// Bundles server/ (and the shared modules it imports from src/lib) into dist/server.js and dist/backup.js.
// Packages stay external: they are installed in node_modules.
import { build } from 'esbuild';

await build({
	entryPoints: { server: 'server/index.ts', backup: 'server/backup.ts' },
	outdir: 'dist',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
