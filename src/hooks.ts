import type { Reroute } from '@sveltejs/kit';

// No locale in URLs: the language is a cookie, so links stay the same in French and English.
export const reroute: Reroute = ({ url }) => url.pathname;
