/** JSON shapes of the HTTP API (DESIGN.md, contract), shared by client and server. */
import type { Role } from './roles';
import type { Axis } from '../board/doc';

export const TEMPLATES = ['nec', 'blank'] as const;
export type Template = (typeof TEMPLATES)[number];

export interface CreateBoardRequest {
	title: string;
	template?: Template;
}

export interface BoardLinks {
	organiser: string;
	facilitator: string;
	participant: string;
	projector: string;
}

export interface CreateBoardResponse {
	id: string;
	title: string;
	joinCode: string;
	links: BoardLinks;
}

/** What a page learns about a board once its token is checked (`GET /api/boards/<id>/access`). */
export interface BoardAccess {
	boardId: string;
	role: Role;
	title: string;
	joinCode: string;
	/** Absolute path of the join link, `/j/<code>`, for QR codes. */
	joinPath: string;
}

export interface HealthResponse {
	status: 'ok';
}

export type { Axis };
