import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { normaliseJoinCode } from '$lib/shared/join-code';

// The home page's "join" form submits ?code=…; send it to the code's own address.
export const load: PageServerLoad = ({ url }) => {
	const code = normaliseJoinCode(url.searchParams.get('code') ?? '');
	redirect(303, code ? `/j/${code}` : '/');
};
