import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The Fastify server (server/web.ts) mounts build/handler.js; it is never run alone.
		adapter: adapter({ out: 'build' }),
		alias: { $shared: 'src/lib/shared' },
		// Sent as a header with every page (README, Security). Hashes cover SvelteKit's
		// inline bootstrap script. Styles allow 'unsafe-inline' because `style:` directives
		// (note colours, column counts) render as style attributes; no script can come from them.
		// 'self' also covers the same-origin websocket (ws:/wss:, CSP Level 3).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
