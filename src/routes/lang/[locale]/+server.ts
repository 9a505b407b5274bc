import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime.js';

// The language switch is a plain link, so it works before (and without) JavaScript:
// it saves the choice in Paraglide's cookie and goes back to the page, same origin only.
export const GET: RequestHandler = ({ params, url, cookies }) => {
	if (!isLocale(params.locale)) error(404, 'unknown language');
	cookies.set(cookieName, params.locale, { path: '/', maxAge: cookieMaxAge, httpOnly: false, sameSite: 'lax', secure: false });
	const back = url.searchParams.get('back') ?? '/';
	redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
};
