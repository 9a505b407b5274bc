import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { services } from '$lib/server/services';

// `/j/<CODE>` (QR code, code read aloud) → the board's participant link.
export const load: PageServerLoad = async ({ params, platform }) => {
	const found = await services(platform).join(params.code);
	if (!found) error(404, { message: 'unknown join code', code: 'unknown_join_code' });
	redirect(303, found.participantPath);
};
