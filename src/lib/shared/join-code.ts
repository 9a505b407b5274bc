/**
 * Join codes are read aloud and typed on phones: no 0/O, 1/I/L, and upper case only.
 * 6 characters of this 31-letter alphabet give ~887 million codes.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;

export function randomJoinCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(JOIN_CODE_LENGTH * 2));
	let code = '';
	// Rejection sampling keeps every letter equally likely (256 is not a multiple of 31).
	for (const b of bytes) {
		if (b >= 248) continue;
		code += JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length];
		if (code.length === JOIN_CODE_LENGTH) return code;
	}
	return randomJoinCode();
}

/** Upper-cases and removes spaces and dashes, so "abc-23 x" is read as "ABC23X". */
export function normaliseJoinCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isJoinCode(code: string): boolean {
	return code.length === JOIN_CODE_LENGTH && [...code].every((c) => JOIN_CODE_ALPHABET.includes(c));
}
