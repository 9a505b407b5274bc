/**
 * Calls Trame's JSON API from the browser. One place turns an answer into
 * data or into the message to show: the API's `{ error: { code, message } }`
 * (src/lib/shared/errors.ts), else the status, else the network's error.
 */
import type { ErrorBody } from '$lib/shared/errors';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

export interface ApiCall {
	method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	/** A board or event token, sent as `Authorization: Bearer`. */
	token?: string;
	/** Sent as JSON. */
	body?: unknown;
	/** The instance key, when the server requires one to create boards and events. */
	instanceKey?: string;
}

export async function callApi<T = null>(path: string, { method = 'GET', token, body, instanceKey }: ApiCall = {}): Promise<ApiResult<T>> {
	const headers: Record<string, string> = {};
	if (token) headers.authorization = `Bearer ${token}`;
	if (instanceKey) headers['x-trame-instance-key'] = instanceKey;
	if (body !== undefined) headers['content-type'] = 'application/json';
	try {
		const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
		if (response.ok) return { ok: true, data: payload as T };
		return { ok: false, status: response.status, message: (payload as ErrorBody | null)?.error?.message ?? String(response.status) };
	} catch (err) {
		return { ok: false, status: 0, message: (err as Error).message };
	}
}
