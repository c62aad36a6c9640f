/**
 * Image request bodies are written straight into a Buffer in slices (recognize.ts,
 * imageRequestBody), to spare two body-sized strings per item in flight. A slice boundary in the
 * wrong place would corrupt the base64 of large images only, which the small images of the other
 * suites never reach: this checks the bytes against JSON.stringify, and large images end to end
 * through the engine and the local server in both authentication modes (the server recomputes
 * AK/SK signatures over the exact body it received).
 */
import { createHash } from 'crypto';

import { imageRequestBody } from '../../nodes/HuaweiOcr/shared/input/requestBody';
import { clearSignInCache } from '../../credentials/common/huawei/signInCache';
import { makeBmp } from '../helpers/images';
import { credentialFor, node, parameters, prng, runNode, SEED, startFaultServer, watchUnhandledRejections, type FaultServer } from './support';

const SLICE = 3 * 256 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Seeded bytes, four per draw (every byte value occurs, so every base64 character does). */
function randomBuffer(length: number, seed: number): Buffer {
	const random = prng(seed);
	const out = Buffer.alloc(Math.ceil(length / 4) * 4);
	for (let i = 0; i < out.length; i += 4) out.writeUInt32LE(Math.floor(random() * 0x100000000), i);
	return out.subarray(0, length);
}

describe(`image request bodies [seed ${SEED}]`, () => {
	it.each([1, 2, 3, 4, SLICE - 1, SLICE, SLICE + 1, SLICE + 2, 2 * SLICE + 1, 2_000_003])(
		'a %i-byte image gives exactly the bytes of JSON.stringify, with and without extra fields',
		(length) => {
			const image = randomBuffer(length, SEED ^ length);
			const base64 = image.toString('base64');
			expect(imageRequestBody(image).equals(Buffer.from(JSON.stringify({ image: base64 })))).toBe(true);
			const withLocation = imageRequestBody(image, { return_text_location: true });
			expect(withLocation.equals(Buffer.from(JSON.stringify({ image: base64, return_text_location: true })))).toBe(true);
		},
	);

	describe('through the engine and the local server', () => {
		let fs: FaultServer;
		const received: string[] = [];
		watchUnhandledRejections();
		beforeAll(async () => {
			fs = await startFaultServer({
				cards: (input) => {
					if (input.image) received.push(sha256(input.image));
					return undefined;
				},
			});
			fs.arm(null);
		});
		afterAll(async () => {
			await fs.server.close();
		});

		it.each(['password', 'accessKey'] as const)('%s mode: images of several slices arrive intact', async (mode) => {
			clearSignInCache();
			received.length = 0;
			// 24-bit BMPs: 2.4 MB and 4.1 MB, 4 and 6 slices of base64.
			const images = [makeBmp(1000, 800), makeBmp(1200, 1140)];
			const result = await runNode({
				node,
				parameters: parameters('binary', { returnTextLocation: true }),
				items: images.map((bytes) => ({
					json: {},
					binary: { data: { data: bytes.toString('base64'), mimeType: 'image/bmp', fileName: 'card.bmp' } },
				})),
				credentials: credentialFor(mode, fs.server.url),
				continueOnFail: true,
			});
			expect(result.items.map((item) => item.json.error)).toEqual([undefined, undefined]);
			expect(received.sort()).toEqual(images.map(sha256).sort());
		});
	});
});
