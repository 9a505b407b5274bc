/**
 * Which pages may open a websocket: browsers send `Origin` on the upgrade, and
 * a page of another site must not reach a board with a link it got hold of
 * (cross-site websocket hijacking). Allowed: TRAME_PUBLIC_URL's origin, and
 * the origin of the host the request was sent to (so `localhost` or a
 * venue's IP address work too). A client with no `Origin` is not a browser
 * page (the stock y-websocket client in Node sends none): its token decides.
 */
export function allowedOrigin(origin: string | undefined, host: string | undefined, publicUrl: string): boolean {
	if (origin === undefined) return true;
	let page: URL;
	try {
		page = new URL(origin);
	} catch {
		return false; // "null" (sandboxed frames, file://) and garbage
	}
	if (page.protocol !== 'http:' && page.protocol !== 'https:') return false;
	if (page.origin === publicUrl) return true;
	if (!host) return false;
	try {
		// Parsed with the page's scheme, so "example.org:443" and "example.org" compare equal over https.
		return new URL(`${page.protocol}//${host}`).host === page.host;
	} catch {
		return false;
	}
}
