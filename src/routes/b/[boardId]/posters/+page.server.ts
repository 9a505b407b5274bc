import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { PageServerLoad } from './$types';
import { services } from '$lib/server/services';
import { checkBoardPage } from '$lib/server/board-page';
import { SHEETS, type Sheet } from './sheets';

// The room kit (issue 15): posters to print, rendered here on the server like
// the report (no live connection, prints without JavaScript). The QR code is
// drawn here too, by the `qrcode` package: no third party sees the link.
export const load: PageServerLoad = async ({ params, url, route, platform }) => {
	const trame = services(platform);
	const { access, token } = await checkBoardPage(trame, params.boardId, url, route.id);
	const outcome = await trame.boardOutcome(params.boardId);
	if (!outcome) error(404, { message: 'unknown board', code: 'not_found' });
	const wanted = url.searchParams.get('sheet');
	const sheet: Sheet = (SHEETS as readonly string[]).includes(wanted ?? '') ? (wanted as Sheet) : 'poster-a4';
	const joinUrl = trame.publicUrl + access.joinPath;
	const qr = await QRCode.toString(joinUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
	return { board: outcome.boards[0], sheet, token, joinCode: access.joinCode, joinUrl, host: new URL(trame.publicUrl).host, qr };
};
