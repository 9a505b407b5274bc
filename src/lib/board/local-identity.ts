/**
 * What this browser remembers about its person (DESIGN.md, identity): a
 * secret key made once and kept in localStorage (its hash is the pseudonymous
 * participantId), and the display name they chose. Nothing leaves the
 * browser except the key to the server and the name through awareness.
 */
import { newKey, participantIdOf, KEY_PATTERN } from '$lib/shared/identity';

const KEY = 'trame:key';
const NAME = 'trame:name';

export function browserKey(): string {
	let key = localStorage.getItem(KEY);
	if (!key || !KEY_PATTERN.test(key)) {
		key = newKey();
		localStorage.setItem(KEY, key);
	}
	return key;
}

export async function browserIdentity(): Promise<{ key: string; participantId: string }> {
	const key = browserKey();
	return { key, participantId: await participantIdOf(key) };
}

export function savedName(): string {
	return localStorage.getItem(NAME) ?? '';
}

export function saveName(name: string): void {
	localStorage.setItem(NAME, name);
}
