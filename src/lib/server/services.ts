import { error } from '@sveltejs/kit';
import type { TrameServices } from '$lib/shared/services';

/** Trame's services for this request (server/web.ts puts them on the Node request). */
export function services(platform: App.Platform | undefined): TrameServices {
	const trame = platform?.req?.trame;
	if (!trame) error(500, 'Trame services are missing: serve the app through the Trame server (npm start).');
	return trame;
}
