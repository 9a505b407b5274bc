import type { UpdateBoardRequest } from '$lib/shared/outcomes';

/** `PATCH /api/boards/<id>` with the organiser's token; null when saved, else why not. */
export async function patchBoard(boardId: string, token: string, change: UpdateBoardRequest): Promise<string | null> {
	try {
		const response = await fetch(`/api/boards/${boardId}`, {
			method: 'PATCH',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify(change)
		});
		if (response.ok) return null;
		const body = await response.json().catch(() => null);
		return body?.error?.message ?? String(response.status);
	} catch (err) {
		return (err as Error).message;
	}
}
