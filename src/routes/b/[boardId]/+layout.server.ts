import type { LayoutServerLoad } from './$types';
import { services } from '$lib/server/services';
import { checkBoardPage } from '$lib/server/board-page';

// The licence is shown to participants before they write (issue 5).
export const load: LayoutServerLoad = ({ params, url, route, platform }) =>
	checkBoardPage(services(platform), params.boardId, url, route.id);
