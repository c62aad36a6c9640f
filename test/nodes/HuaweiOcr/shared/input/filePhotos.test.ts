import { photosOfFile } from '../../../../../nodes/HuaweiOcr/shared/input/filePhotos';
import { BANKCARD_PHOTOS } from '../../../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { makeJpeg, makePng, makeWebp } from '../../../../helpers/images';
import { jpegImage, pagesPdf } from '../../../../helpers/pdf';

const { limits, minimum } = BANKCARD_PHOTOS;

describe('photosOfFile: images', () => {
	it('gives an image Huawei takes as it is', () => {
		const jpeg = makeJpeg(856, 540);
		expect(photosOfFile(jpeg, limits, minimum)).toEqual({ photos: [{ bytes: jpeg }], notes: [] });
	});

	it('says why a file is no image Huawei takes', () => {
		expect(photosOfFile(makeWebp(800, 500), limits)).toEqual({ problem: expect.stringMatching(/WebP/) });
		expect(photosOfFile(Buffer.from('BEGIN:VCALENDAR\r\n'), limits)).toEqual({ problem: expect.stringMatching(/^The file is plain text, not an image\./) });
	});

	it.each([
		[160, 100, true],
		[100, 160, true],
		[159, 100, false],
		[160, 99, false],
		[120, 40, false],
		[150, 150, false],
	])('with the minimum, a %i x %i image is sent: %s', (width, height, sent) => {
		const found = photosOfFile(makePng(width, height), limits, minimum);
		if (sent) {
			expect(found).toMatchObject({ photos: [{}] });
		} else {
			expect(found).toEqual({
				problem: `The image is ${width} x ${height} pixels, too small to hold a readable bank card (at least 160 x 100 pixels, either way round): probably a logo or an icon.`,
			});
		}
	});

	it('without the minimum (a file named on its own), only Huawei\'s limits apply', () => {
		expect(photosOfFile(makePng(120, 40), limits)).toMatchObject({ photos: [{}] });
		expect(photosOfFile(makePng(14, 40), limits)).toEqual({ problem: expect.stringMatching(/between 15 and 8192 pixels/) });
	});
});

describe('photosOfFile: PDF scans', () => {
	const page = (width: number, height: number) => ({ images: [jpegImage(makeJpeg(width, height), width, height)] });

	it('gives each page photo with its page number, in page order', () => {
		const found = photosOfFile(pagesPdf([page(1240, 780), page(1200, 760)]), limits, minimum);
		expect(found).toEqual({
			photos: [
				{ bytes: makeJpeg(1240, 780), page: 1 },
				{ bytes: makeJpeg(1200, 760), page: 2 },
			],
			notes: [],
		});
	});

	it('applies the card minimum to page photos too, and says which page gave nothing', () => {
		const found = photosOfFile(pagesPdf([page(1240, 780), page(120, 40)]), limits, minimum);
		expect(found).toEqual({
			photos: [{ bytes: makeJpeg(1240, 780), page: 1 }],
			notes: [expect.stringMatching(/^Page 2: The image is 120 x 40 pixels, too small/)],
		});
	});

	it('says why a PDF gives no photo at all', () => {
		expect(photosOfFile(pagesPdf([page(120, 40)]), limits, minimum)).toEqual({
			problem: expect.stringMatching(/^The PDF has no page photo that can be sent\. Page 1: The image is 120 x 40 pixels/),
		});
		expect(photosOfFile(pagesPdf([{ content: 'BT (text) Tj ET' }]), limits)).toEqual({ problem: expect.stringMatching(/^The PDF has no photo in it/) });
	});

	it('notes the pages past the reader\'s photo limit', () => {
		const found = photosOfFile(pagesPdf(Array.from({ length: 12 }, () => page(400, 250))), limits, minimum);
		expect('photos' in found && found.photos.map((photo) => photo.page)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect('notes' in found && found.notes).toEqual([expect.stringMatching(/pages 11 to 12 were not read/)]);
	});
});
