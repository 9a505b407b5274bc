import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { services } from '$lib/server/services';
import { checkBoardPage } from '$lib/server/board-page';

// The printable report is rendered here, on the server, from the same data as
// the exports (anonymous): it prints without JavaScript. The page leaves the
// board layout (+page@.svelte) so it opens no live connection.
export const load: PageServerLoad = async ({ params, url, route, platform }) => {
	const trame = services(platform);
	await checkBoardPage(trame, params.boardId, url, route.id);
	const outcome = await trame.boardOutcome(params.boardId);
	if (!outcome) error(404, { message: 'unknown board', code: 'not_found' });
	return { outcome, board: outcome.boards[0], agenda: await trame.agenda(params.boardId) };
};
