import type { LayoutServerLoad } from './$types';
import { services } from '$lib/server/services';

// The origin printed in links and QR codes (TRAME_PUBLIC_URL), which may differ
// from the address the organiser's own browser used (e.g. localhost).
export const load: LayoutServerLoad = ({ platform }) => ({ publicUrl: services(platform).publicUrl });
