import type { BoardAccess } from './api';

/**
 * What the Fastify server lends SvelteKit's server-side load functions for
 * each request (server/web.ts sets it on the Node request, adapter-node passes
 * it as `platform.req`). One process, one database: pages ask the server,
 * they never open the database themselves.
 */
export interface TrameServices {
	/** The board's access for this token; `null` board → 404, `null` role → 401. */
	access(boardId: string, token: string): AccessResult;
	/** The board id and participant link of a join code, or null. */
	join(code: string): { boardId: string; participantPath: string } | null;
	/** The public origin printed in links and QR codes. */
	publicUrl: string;
	/** Creating a board or an event needs the instance key (TRAME_INSTANCE_KEY is set). */
	instanceKeyRequired: boolean;
}

export type AccessResult =
	| { ok: true; access: BoardAccess }
	| { ok: false; reason: 'unknown_board' | 'bad_token' };
