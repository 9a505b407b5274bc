/** Join codes are read aloud in a room and typed on phones: nothing two people could hear or read differently. */
import { describe, expect, test } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, isJoinCode, normaliseJoinCode, randomJoinCode } from '../../../src/lib/shared/join-code';

describe('join code', () => {
	test('the alphabet has no ambiguous characters (0/O, 1/I/L) and no lower case', () => {
		for (const ambiguous of ['0', 'O', '1', 'I', 'L']) expect(JOIN_CODE_ALPHABET).not.toContain(ambiguous);
		expect(JOIN_CODE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
		expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
	});

	test('random codes use only that alphabet, at the fixed length', () => {
		for (let i = 0; i < 500; i++) {
			const code = randomJoinCode();
			expect(code).toHaveLength(JOIN_CODE_LENGTH);
			expect(isJoinCode(code)).toBe(true);
		}
	});

	test('a code typed in lower case, with spaces or dashes, is read as the code', () => {
		expect(normaliseJoinCode('abc-23 x')).toBe('ABC23X');
		expect(isJoinCode(normaliseJoinCode('hk7 m2p'))).toBe(true);
		expect(isJoinCode('HK0M2P')).toBe(false);
	});
});
