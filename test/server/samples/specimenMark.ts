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
export const HANZI_SIZE = 15;

const RED = rgb('#c81e1e');

function hanzi(canvas: Canvas, rows: string[], left: number, top: number, dot: number, opacity: number): void {
	rows.forEach((row, y) => {
		[...row].forEach((cell, x) => {
			if (cell === ON) canvas.roundedRect(left + x * dot, top + y * dot, dot, dot, dot * 0.25, RED, opacity);
		});
	});
}

/** The stamp, its top left corner at (left, top): a red frame around 样本 and SPECIMEN. */
export function specimenMark(canvas: Canvas, left: number, top: number, opacity = 0.75): void {
	const dot = 4;
	const width = 2 * HANZI_SIZE * dot + 3 * 16 + Canvas.textWidth('SPECIMEN', 6);
	const height = HANZI_SIZE * dot + 32;
	canvas.roundedRect(left, top, width, height, 10, RED, opacity);
	canvas.roundedRect(left + 5, top + 5, width - 10, height - 10, 7, [255, 255, 255], 0.55 * opacity);
	hanzi(canvas, YANG, left + 16, top + 16, dot, opacity);
	hanzi(canvas, BEN, left + 16 + HANZI_SIZE * dot + 8, top + 16, dot, opacity);
	canvas.text('SPECIMEN', left + 2 * HANZI_SIZE * dot + 40, top + 16 + (HANZI_SIZE * dot - 42) / 2, 6, RED, opacity);
}
