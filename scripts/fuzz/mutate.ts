/**
 * Seeded mutations of corpus files, the ways damaged and crafted files look: flipped bits,
 * a file cut off, a piece of another file spliced in, a length or size field made huge, a range
 * repeated or zeroed. Each mutant applies one to three of them.
 */
type Random = () => number;

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

function flipBits(random: Random, bytes: Buffer): Buffer {
	const out = Buffer.from(bytes);
	const flips = int(random, 1, 8);
	for (let i = 0; i < flips && out.length > 0; i++) out[int(random, 0, out.length - 1)] ^= 1 << int(random, 0, 7);
	return out;
}

function truncate(random: Random, bytes: Buffer): Buffer {
	// Cut-offs near the start hit headers, the rest hit data; both are common in practice.
	const at = random() < 0.5 ? int(random, 0, Math.min(bytes.length, 256)) : int(random, 0, bytes.length);
	return bytes.subarray(0, at);
}

function splice(random: Random, bytes: Buffer, other: Buffer): Buffer {
	const from = int(random, 0, other.length);
	const piece = other.subarray(from, from + int(random, 1, 4096));
	const at = int(random, 0, bytes.length);
	const replace = random() < 0.5 ? piece.length : 0;
	return Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(Math.min(bytes.length, at + replace))]);
}

// Values that overflow 16- and 32-bit fields, signed or not, or sit just past a boundary.
const HUGE = [0xffffffff, 0x7fffffff, 0x80000000, 0xfffffffe, 0x10000, 0xffff, 0x7fff, 0x8000, 0];

function hugeLength(random: Random, bytes: Buffer): Buffer {
	const out = Buffer.from(bytes);
	if (out.length < 4) return out;
	// Length and size fields sit mostly in the first bytes of a file or a segment.
	const at = random() < 0.6 ? int(random, 0, Math.min(out.length - 4, 64)) : int(random, 0, out.length - 4);
	const value = HUGE[int(random, 0, HUGE.length - 1)];
	const width = random() < 0.5 ? 2 : 4;
	const little = random() < 0.5;
	if (width === 2) {
		if (little) out.writeUInt16LE(value & 0xffff, at);
		else out.writeUInt16BE(value & 0xffff, at);
	} else if (little) out.writeUInt32LE(value >>> 0, at);
	else out.writeUInt32BE(value >>> 0, at);
	return out;
}

function repeatOrZero(random: Random, bytes: Buffer): Buffer {
	const start = int(random, 0, bytes.length);
	const end = Math.min(bytes.length, start + int(random, 1, 512));
	if (random() < 0.5) return Buffer.concat([bytes.subarray(0, end), bytes.subarray(start, end), bytes.subarray(end)]);
	const out = Buffer.from(bytes);
	out.fill(0, start, end);
	return out;
}

type Mutation = (random: Random, bytes: Buffer, seeds: Buffer[]) => Buffer;

const MUTATIONS: ReadonlyArray<[string, Mutation]> = [
	['flipBits', flipBits],
	['truncate', truncate],
	['splice', (random, bytes, seeds) => splice(random, bytes, seeds[int(random, 0, seeds.length - 1)])],
	['hugeLength', hugeLength],
	['repeatOrZero', repeatOrZero],
];

export function mutate(random: Random, seeds: Buffer[]): { bytes: Buffer; seedIndex: number; steps: string[] } {
	const seedIndex = int(random, 0, seeds.length - 1);
	let bytes = seeds[seedIndex];
	const steps: string[] = [];
	for (let n = int(random, 1, 3); n > 0; n--) {
		const [name, apply] = MUTATIONS[int(random, 0, MUTATIONS.length - 1)];
		steps.push(name);
		bytes = apply(random, bytes, seeds);
	}
	return { bytes, seedIndex, steps };
}
