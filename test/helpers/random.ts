/** mulberry32: a tiny, well-mixed seeded 32-bit PRNG, so a failing generated case can be replayed. */
export function mulberry32(seed: number): () => number {
	let state = seed | 0;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * The seed of generated test inputs: FAULT_SEED=<n> reruns every seeded suite (faults, fuzz,
 * PDF fuzz) with another one; a failing test's name carries the seed it ran with.
 */
export function faultSeed(text = process.env.FAULT_SEED): number {
	if (text === undefined || text.trim() === '') return 20240611;
	const seed = Number(text);
	if (!Number.isInteger(seed)) throw new Error(`FAULT_SEED must be an integer, not "${text}"`);
	return seed;
}
