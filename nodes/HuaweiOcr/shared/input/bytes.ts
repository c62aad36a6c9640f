/** Whether `expected` stands at `at`; false, never a throw, when the file is shorter. */
export function hasBytes(bytes: Buffer, at: number, expected: readonly number[]): boolean {
	if (at + expected.length > bytes.length) return false;
	for (let i = 0; i < expected.length; i++) {
		if (bytes[at + i] !== expected[i]) return false;
	}
	return true;
}

/** Whether the Latin-1 text `expected` stands at `at`. */
export function hasText(bytes: Buffer, at: number, expected: string): boolean {
	return at + expected.length <= bytes.length && bytes.toString('latin1', at, at + expected.length) === expected;
}
