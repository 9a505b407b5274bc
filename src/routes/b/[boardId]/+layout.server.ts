import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';
import { services } from '$lib/server/services';
import { hasRole, roleOfPage } from '$lib/shared/roles';

// Every board page checks its token first: unknown board 404, bad token 401,
// a token too weak for this page 403 (DESIGN.md: never show a console it cannot use).
export const load: LayoutServerLoad = ({ params, url, route, platform }) => {
	const token = url.searchParams.get('token') ?? '';
	const result = services(platform).access(params.boardId, token);
	if (!result.ok) {
		if (result.reason === 'unknown_board') error(404, { message: 'unknown board', code: 'not_found' });
		error(401, { message: 'bad token', code: 'unauthorized' });
	}
	const needed = roleOfPage(route.id?.replace('/b/[boardId]', '') ?? '');
	if (!needed || !hasRole(result.access.role, needed)) error(403, { message: 'forbidden', code: 'forbidden' });
	return { access: result.access, token };
};
