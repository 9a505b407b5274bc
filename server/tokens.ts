/**
 * Capability tokens (DESIGN.md, roles). Organiser, facilitator and projector
 * tokens are 256 random bits, shown once and stored as SHA-256 hashes. The
 * participant token must be printable again (join code, QR on the projector),
 * so it is derived from an instance secret with HMAC and stored hashed too;
 * revoking it bumps the board's generation.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { toBase64Url } from '../src/lib/shared/identity';

export function randomToken(): string {
	return toBase64Url(randomBytes(32));
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/**
 * Compares a presented secret with the expected one in constant time. Both are
 * hashed first, so neither their contents nor their lengths show in the timing.
 * (Board and event tokens need no such compare: they are looked up by their
 * SHA-256 hash, and how fast a lookup fails says nothing about the token.)
 */
export function sameSecret(presented: string, expected: string): boolean {
	const a = createHash('sha256').update(presented).digest();
	const b = createHash('sha256').update(expected).digest();
	return timingSafeEqual(a, b);
}

export function participantToken(secret: string, boardId: string, generation: number): string {
	return toBase64Url(createHmac('sha256', secret).update(`participant:${boardId}:${generation}`).digest()).slice(0, 32);
}

export function randomBoardId(): string {
	return toBase64Url(randomBytes(9)).replace(/[-_]/g, 'x');
}
