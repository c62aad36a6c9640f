import { photosOfFile } from '../../../../../nodes/HuaweiOcr/shared/input/filePhotos';
import { BANKCARD_PHOTOS } from '../../../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { makeJpeg, makePng, makeWebp } from '../../../../helpers/images';

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
