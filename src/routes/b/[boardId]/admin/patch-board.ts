import type { UpdateBoardRequest } from '$lib/shared/outcomes';
import { callApi } from '$lib/api-client';

/** `PATCH /api/boards/<id>` with the organiser's token; null when saved, else why not. */
export async function patchBoard(boardId: string, token: string, change: UpdateBoardRequest): Promise<string | null> {
	const result = await callApi(`/api/boards/${boardId}`, { method: 'PATCH', token, body: change });
	return result.ok ? null : result.message;
}
