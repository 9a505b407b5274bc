import type { LayoutServerLoad } from './$types';
import { services } from '$lib/server/services';

// The origin printed in links and QR codes (TRAME_PUBLIC_URL), which may differ
// from the address the organiser's own browser used (e.g. localhost); and
// whether creating a board needs the instance key (TRAME_INSTANCE_KEY); who runs
// the instance and its accessibility state, for every page's footer.
export const load: LayoutServerLoad = ({ platform }) => {
	const trame = services(platform);
	return { publicUrl: trame.publicUrl, instanceKeyRequired: trame.instanceKeyRequired, site: trame.site };
};
