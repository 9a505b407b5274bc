import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { services } from '$lib/server/services';

// The event organiser's page: its token is checked here, like a board's (unknown event 404, bad token 401).
export const load: PageServerLoad = async ({ params, url, platform }) => {
	const trame = services(platform);
	const token = url.searchParams.get('token') ?? '';
	const result = await trame.event(params.eventId, token);
	if (!result.ok) {
		if (result.reason === 'unknown_event') error(404, { message: 'unknown event', code: 'not_found' });
		error(401, { message: 'bad token', code: 'unauthorized' });
	}
	const outcome = await trame.eventOutcome(params.eventId);
	if (!outcome) error(404, { message: 'unknown event', code: 'not_found' });
	return { event: result.event, outcome, token };
};
