import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The Fastify server (server/web.ts) mounts build/handler.js; it is never run alone.
		adapter: adapter({ out: 'build' }),
		alias: { $shared: 'src/lib/shared' }
	}
};

export default config;
