/**
 * Checks of the JPEG header sections that libjpeg (the decoder behind ImageMagick and Pillow)
 * stops on with an error rather than a warning (github.com/libjpeg-turbo/libjpeg-turbo:
 * jdmarker.c, jdhuff.c, jdphuff.c): a file failing one is refused by both, so it is refused here
 * before Huawei is paid to refuse it. Each check gets the section's data (after its two length
 * bytes) and returns why it is malformed, or undefined.
 */

/**
 * T.81 Annex C: codes are assigned in order of length, and the all-ones code of a length is not
 * used, so after the codes of each length the next code must still fit in it (libjpeg's
 * jpeg_make_d_derived_tbl). A DC table's values are bit counts of at most 15 (F.1.2.1.1).
 */
function codesFit(counts: Buffer, values: Buffer, dc: boolean): boolean {
	let code = 0;
	for (let length = 1; length <= 16; length++) {
		code += counts[length - 1];
		if (code >= 2 ** length) return false;
		code *= 2;
	}
	return !dc || values.every((value) => value <= 15);
}

/**
 * T.81 B.2.4.2 (DHT): per table, Tc/Th, 16 counts, then that many values, to the end exactly.
 * libjpeg's get_dht calls more than 256 codes, or more than the section holds, "bogus".
 */
function huffmanTables(data: Buffer): string | undefined {
	let at = 0;
	while (at < data.length) {
		if (at + 17 > data.length || data[at] >> 4 > 1 || (data[at] & 0x0f) > 3) return 'a Huffman table section is malformed';
		const counts = data.subarray(at + 1, at + 17);
		const count = counts.reduce((sum, n) => sum + n, 0);
		if (count > 256 || at + 17 + count > data.length) return 'a Huffman table section is malformed';
		if (!codesFit(counts, data.subarray(at + 17, at + 17 + count), data[at] >> 4 === 0)) return 'a Huffman table is malformed';
		at += 17 + count;
	}
	return undefined;
}

/**
 * T.81 B.2.4.1 (DQT): per table, Pq/Tq, then 64 values of one byte (Pq 0) or two. As libjpeg's
 * get_dqt, a last table may be short, but a table number above 3 or a stray byte is an error.
 */
function quantisationTables(data: Buffer): string | undefined {
	let at = 0;
	while (at < data.length) {
		if ((data[at] & 0x0f) > 3) return 'a quantisation table section is malformed';
		const size = data[at] >> 4 ? 2 : 1;
		const left = data.length - at - 1;
		at += 1 + Math.min(64 * size, left - (left % size));
		if (left < 64 * size && left % size !== 0) return 'a quantisation table section has the wrong length';
	}
	return undefined;
}

/** T.81 B.2.4.4 (DRI): exactly one two-byte interval. */
function restartInterval(data: Buffer): string | undefined {
	return data.length === 2 ? undefined : 'its restart interval section has the wrong length';
}

export interface Frame {
	progressive: boolean;
	/** The component identifiers the frame header (B.2.2) lists. */
	components: number[];
}

/**
 * T.81 B.2.3 (SOS): Ns components, two bytes each, each one the frame lists, then Ss, Se, Ah/Al. In a progressive frame
 * (G.1.1.1.1) a DC scan has Se 0, an AC scan 0 < Ss <= Se <= 63 for one component, and a
 * refinement lowers Al by one from Ah; libjpeg also caps Al at 13.
 */
export function scanHeader(data: Buffer, frame: Frame): string | undefined {
	const components = data[0] ?? 0;
	if (components < 1 || components > 4 || data.length !== 1 + 2 * components + 3) return 'a scan header is malformed';
	const ids = Array.from({ length: components }, (_, i) => data[1 + 2 * i]);
	// libjpeg's get_sos: each one the frame has, none twice.
	if (ids.some((id, i) => !frame.components.includes(id) || ids.indexOf(id) !== i)) return 'a scan names its colour components wrongly';
	if (!frame.progressive) return undefined;
	const ss = data[1 + 2 * components];
	const se = data[2 + 2 * components];
	const ah = data[3 + 2 * components] >> 4;
	const al = data[3 + 2 * components] & 0x0f;
	const dcOk = ss === 0 && se === 0;
	const acOk = ss > 0 && se >= ss && se <= 63 && components === 1;
	if ((!dcOk && !acOk) || (ah !== 0 && al !== ah - 1) || al > 13) return 'a progressive scan has settings out of range';
	return undefined;
}

const CHECKS: Record<number, (data: Buffer) => string | undefined> = {
	0xc4: huffmanTables,
	0xdb: quantisationTables,
	0xdd: restartInterval,
};

export function segmentProblem(marker: number, data: Buffer): string | undefined {
	return CHECKS[marker]?.(data);
}
