/**
 * Just enough of a raster canvas to paint the sample card pictures in plain Node: shapes are
 * signed-distance functions, so edges come out anti-aliased (a pixel is covered by how far its
 * centre lies inside the edge), and colours blend by alpha. Text uses the 5 x 7 dot font.
 */
import { encodeRgbPng } from '../../helpers/images';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './pixelFont';

export type Rgb = [number, number, number];

/** `#rrggbb` -> [r, g, b]. */
export function rgb(hex: string): Rgb {
	const value = Number.parseInt(hex.replace(/^#/, ''), 16);
	return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
	return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** Distance from (x, y) to a rounded rectangle's edge: negative inside, positive outside. */
export function roundedRectDistance(x: number, y: number, left: number, top: number, width: number, height: number, radius: number): number {
	const dx = Math.abs(x - (left + width / 2)) - (width / 2 - radius);
	const dy = Math.abs(y - (top + height / 2)) - (height / 2 - radius);
	const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
	return outside + Math.min(Math.max(dx, dy), 0) - radius;
}

const coverage = (distance: number) => Math.min(1, Math.max(0, 0.5 - distance));

export class Canvas {
	readonly pixels: Buffer;

	constructor(
		readonly width: number,
		readonly height: number,
		background: Rgb = [255, 255, 255],
	) {
		this.pixels = Buffer.alloc(width * height * 3);
		this.fill(() => background);
	}

	/** Paints every pixel with the colour `paint` gives for its centre (alpha 1 unless given). */
	fill(paint: (x: number, y: number) => Rgb | undefined, alpha: (x: number, y: number) => number = () => 1, box?: Box): void {
		const { left, top, right, bottom } = this.clip(box);
		for (let y = top; y < bottom; y++) {
			for (let x = left; x < right; x++) {
				const a = alpha(x + 0.5, y + 0.5);
				if (a <= 0) continue;
				const colour = paint(x + 0.5, y + 0.5);
				if (colour) this.blend(x, y, colour, Math.min(1, a));
			}
		}
	}

	roundedRect(left: number, top: number, width: number, height: number, radius: number, paint: Rgb | ((x: number, y: number) => Rgb), opacity = 1): void {
		const colour = typeof paint === 'function' ? paint : () => paint;
		this.fill(colour, (x, y) => opacity * coverage(roundedRectDistance(x, y, left, top, width, height, radius)), {
			left: left - 1,
			top: top - 1,
			right: left + width + 1,
			bottom: top + height + 1,
		});
	}

	/** A soft shadow: opacity fades out over `blur` pixels outside the shape. */
	shadow(left: number, top: number, width: number, height: number, radius: number, blur: number, opacity: number): void {
		const alpha = (x: number, y: number) => {
			const distance = roundedRectDistance(x, y, left, top, width, height, radius);
			return distance <= 0 ? opacity : opacity * Math.max(0, 1 - distance / blur) ** 2;
		};
		this.fill(() => [0, 0, 0], alpha, { left: left - blur, top: top - blur, right: left + width + blur, bottom: top + height + blur });
	}

	circle(cx: number, cy: number, radius: number, colour: Rgb, opacity = 1): void {
		this.fill(() => colour, (x, y) => opacity * coverage(Math.hypot(x - cx, y - cy) - radius), {
			left: cx - radius - 1,
			top: cy - radius - 1,
			right: cx + radius + 1,
			bottom: cy + radius + 1,
		});
	}

	/** A white highlight that fades out from its centre: the glare of a lamp on a glossy card. */
	glare(cx: number, cy: number, radiusX: number, radiusY: number, strength: number): void {
		const alpha = (x: number, y: number) => strength * Math.max(0, 1 - Math.hypot((x - cx) / radiusX, (y - cy) / radiusY)) ** 1.5;
		this.fill(() => [255, 255, 255], alpha, { left: cx - radiusX, top: cy - radiusY, right: cx + radiusX, bottom: cy + radiusY });
	}

	/** Text in the dot font, each dot `scale` pixels square, one dot of space between letters. */
	text(text: string, left: number, top: number, scale: number, colour: Rgb, opacity = 1): void {
		let x = left;
		for (const character of text) {
			const rows = glyph(character);
			for (let row = 0; row < GLYPH_HEIGHT; row++) {
				for (let column = 0; column < GLYPH_WIDTH; column++) {
					if (rows[row] & (1 << (GLYPH_WIDTH - 1 - column))) {
						this.roundedRect(x + column * scale, top + row * scale, scale, scale, scale * 0.3, colour, opacity);
					}
				}
			}
			x += (GLYPH_WIDTH + 1) * scale;
		}
	}

	static textWidth(text: string, scale: number): number {
		return text.length * (GLYPH_WIDTH + 1) * scale - scale;
	}

	/** Every pixel its grey of the same luma (ITU-R BT.601 weights): a black-and-white copy. */
	greyscale(): void {
		for (let at = 0; at < this.pixels.length; at += 3) {
			const grey = 0.299 * this.pixels[at] + 0.587 * this.pixels[at + 1] + 0.114 * this.pixels[at + 2] + 0.5;
			this.pixels[at] = this.pixels[at + 1] = this.pixels[at + 2] = grey;
		}
	}

	toPng(): Buffer {
		return encodeRgbPng(this.width, this.height, this.pixels);
	}

	private blend(x: number, y: number, colour: Rgb, alpha: number): void {
		const at = (y * this.width + x) * 3;
		const keep = 1 - alpha;
		// Both inputs lie in 0..255, so the blend does too: rounding is all that is left.
		this.pixels[at] = this.pixels[at] * keep + colour[0] * alpha + 0.5;
		this.pixels[at + 1] = this.pixels[at + 1] * keep + colour[1] * alpha + 0.5;
		this.pixels[at + 2] = this.pixels[at + 2] * keep + colour[2] * alpha + 0.5;
	}

	private clip(box?: Box): { left: number; top: number; right: number; bottom: number } {
		return {
			left: Math.max(0, Math.floor(box?.left ?? 0)),
			top: Math.max(0, Math.floor(box?.top ?? 0)),
			right: Math.min(this.width, Math.ceil(box?.right ?? this.width)),
			bottom: Math.min(this.height, Math.ceil(box?.bottom ?? this.height)),
		};
	}
}

interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}
