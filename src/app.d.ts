import type { IncomingMessage } from 'node:http';
import type { TrameServices } from '$lib/shared/services';

declare global {
	namespace App {
		interface Error {
			code?: string;
		}
		interface Platform {
			/** adapter-node hands over the Node request; server/web.ts puts Trame's services on it. */
			req: IncomingMessage & { trame?: TrameServices };
		}
	}
}

export {};
