/**
 * The red 样本 / SPECIMEN stamp across every sample ID card, so that nobody takes a painted card
 * for a real one. The dot font (pixelFont.ts) has Latin letters only; 样 and 本 are drawn here as
 * 15 x 15 dot glyphs of their own.
 */
import { Canvas, rgb } from './canvas';

const ON = '#';
// 样: the tree radical 木 on the left, 羊 on the right.
const YANG = [
	['..#..', '.#.....#.'],
	['..#..', '..#...#..'],
	['..#..', '#########'],
	['#####', '....#....'],
	['..#..', '....#....'],
	['.###.', '.#######.'],
	['#.#.#', '....#....'],
	['..#..', '....#....'],
	['..#..', '#########'],
	['..#..', '....#....'],
	['..#..', '....#....'],
	['..#..', '....#....'],
	['..#..', '....#....'],
	['..#..', '....#....'],
	['..#..', '....#....'],
].map(([left, right]) => `${left}.${right}`);
const BEN = [
	'.......#.......',
	'.......#.......',
	'###############',
	'......###......',
	'.....#.#.#.....',
	'....#..#..#....',
	'...#...#...#...',
	'..#....#....#..',
	'.#.....#.....#.',
	'#......#......#',
	'.......#.......',
	'....#######....',
	'.......#.......',
	'.......#.......',
	'.......#.......',
];
const HANZI_SIZE = 15;

const RED = rgb('#c81e1e');

function hanzi(canvas: Canvas, rows: string[], left: number, top: number, dot: number, opacity: number): void {
	rows.forEach((row, y) => {
		[...row].forEach((cell, x) => {
			if (cell === ON) canvas.roundedRect(left + x * dot, top + y * dot, dot, dot, dot * 0.25, RED, opacity);
		});
	});
}

const DOT = 3;
const TEXT_SCALE = 4;
const GLYPHS = HANZI_SIZE * DOT;

/** How far the stamp reaches from its top left corner. */
const SPECIMEN_MARK_SIZE = { width: 2 * GLYPHS + 4 * 14 + Canvas.textWidth('SPECIMEN', TEXT_SCALE), height: GLYPHS + 28 };

/** The stamp, its top left corner at (left, top): a red frame around 样本 and SPECIMEN. */
export function specimenMark(canvas: Canvas, left: number, top: number, opacity = 0.75): void {
	const { width, height } = SPECIMEN_MARK_SIZE;
	canvas.roundedRect(left, top, width, height, 9, RED, opacity);
	canvas.roundedRect(left + 4, top + 4, width - 8, height - 8, 6, [255, 255, 255], 0.55 * opacity);
	hanzi(canvas, YANG, left + 14, top + 14, DOT, opacity);
	hanzi(canvas, BEN, left + 14 + GLYPHS + 6, top + 14, DOT, opacity);
	canvas.text('SPECIMEN', left + 2 * GLYPHS + 34, top + 14 + (GLYPHS - 7 * TEXT_SCALE) / 2, TEXT_SCALE, RED, opacity);
}
