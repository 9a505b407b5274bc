import { error } from '@sveltejs/kit';
import type { TrameServices } from '$lib/shared/services';
import { hasRole, roleOfPage } from '$lib/shared/roles';

/**
 * Every board page checks its token first: unknown board 404, bad token 401,
 * a token too weak for this page 403 (DESIGN.md: never show a console it cannot use).
 * `routeId` is SvelteKit's, e.g. `/b/[boardId]/facilitate`.
 */
export async function checkBoardPage(trame: TrameServices, boardId: string, url: URL, routeId: string | null) {
	const token = url.searchParams.get('token') ?? '';
	const result = await trame.access(boardId, token);
	if (!result.ok) {
		if (result.reason === 'unknown_board') error(404, { message: 'unknown board', code: 'not_found' });
		error(401, { message: 'bad token', code: 'unauthorized' });
	}
	const needed = roleOfPage(routeId?.replace('/b/[boardId]', '') ?? '');
	if (!needed || !hasRole(result.access.role, needed)) error(403, { message: 'forbidden', code: 'forbidden' });
	return { access: result.access, licence: result.licence, token };
}
