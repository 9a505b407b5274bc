/**
 * Capability tokens (DESIGN.md, roles). Organiser, facilitator and projector
 * tokens are 256 random bits, shown once and stored as SHA-256 hashes. The
 * participant token must be printable again (join code, QR on the projector),
 * so it is derived from an instance secret with HMAC and stored hashed too;
 * revoking it bumps the board's generation.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { toBase64Url } from '../src/lib/shared/identity';

export function randomToken(): string {
	return toBase64Url(randomBytes(32));
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function participantToken(secret: string, boardId: string, generation: number): string {
	return toBase64Url(createHmac('sha256', secret).update(`participant:${boardId}:${generation}`).digest()).slice(0, 32);
}

export function randomBoardId(): string {
	return toBase64Url(randomBytes(9)).replace(/[-_]/g, 'x');
}
