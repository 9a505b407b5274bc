/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Keeps the app shell available offline, so a participant who closes and
 * reopens the tab during a network cut gets their board back (the notes
 * themselves are in IndexedDB, see offline-store.ts). Pages are network-first:
 * online, the server always answers (token checks, fresh data); offline, the
 * last copy of that same page is shown. The API and the websocket are never cached.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const SHELL = `trame-shell-${version}`;
const PAGES = 'trame-pages';

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll([...build, ...files])));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((key) => key.startsWith('trame-shell-') && key !== SHELL).map((key) => caches.delete(key))))
			.then(() => sw.clients.claim())
	);
});

// The page that installed the worker was loaded before it existed: it asks for itself to be kept.
sw.addEventListener('message', (event) => {
	const data = event.data as { type?: string; url?: string } | null;
	if (data?.type !== 'keep-page' || !data.url || new URL(data.url).origin !== sw.location.origin) return;
	event.waitUntil(networkFirst(new Request(data.url)).then(() => undefined, () => undefined));
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
	if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/yjs/') || url.pathname === '/healthz') return;
	if ([...build, ...files].includes(url.pathname)) {
		event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
		return;
	}
	if (request.mode === 'navigate' || url.pathname.endsWith('/__data.json')) {
		event.respondWith(networkFirst(request));
	}
});

async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(PAGES);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	} catch (err) {
		const hit = await cache.match(request);
		if (hit) return hit;
		throw err;
	}
}
