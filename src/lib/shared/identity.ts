/**
 * Participant identity without accounts (DESIGN.md, contract): each browser
 * keeps a random secret `key`; its public id is derived, never chosen:
 * participantId = first 22 chars of base64url(SHA-256(key)).
 * Works in the browser and in Node (both have WebCrypto).
 */
export const KEY_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;

export function toBase64Url(bytes: Uint8Array): string {
	let bin = '';
	for (const b of bytes) bin += String.fromCharCode(b);
	return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A new random key: 32 bytes (256 bits), base64url. */
export function newKey(): string {
	return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function participantIdOf(key: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
	return toBase64Url(new Uint8Array(digest)).slice(0, 22);
}
