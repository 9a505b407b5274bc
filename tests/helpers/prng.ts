/** A tiny seeded PRNG (xorshift32) so randomised tests replay exactly: same seed, same run. */
export interface Rng {
	/** A float in [0, 1). */
	next(): number;
	/** A whole number in [min, max]. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	bytes(length: number): Uint8Array;
}

export function xorshift(seed: number): Rng {
	let x = seed >>> 0 || 0x9e3779b9;
	const next = () => {
		x ^= x << 13;
		x >>>= 0;
		x ^= x >>> 17;
		x ^= x << 5;
		x >>>= 0;
		return x / 0x1_0000_0000;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	return {
		next,
		int,
		pick: (items) => items[int(0, items.length - 1)],
		bytes: (length) => Uint8Array.from({ length }, () => int(0, 255))
	};
}
