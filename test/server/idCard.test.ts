/**
 * The stand-in's RecognizeIdCard, over real sockets: the shapes of Huawei's SDK models (fields,
 * verification_result, photo checks with integer scores, portrait and card images, double_side),
 * which card a photo is answered with, the errors, and the gateway in front of it.
 */
import { readImageInfo } from '../../nodes/HuaweiOcr/shared/input/imageCheck';
import { requestToken } from '../../scripts/bench/clients';
import { PROJECT_ID } from '../helpers/fixtures';
import { makeJpeg, makePng } from '../helpers/images';
import { ID_CARD_IMAGE_LIMITS, PHOTO_CHECKS, idCardPath } from '../../nodes/HuaweiOcr/IdCardOcr/idCardApi';
import { DEFAULT_ID_CARD, startHuaweiServer, withCard, withIdCard, type CarriedIdCard, type HuaweiServer } from './huaweiServer';
import { boxCorners, withDocuments } from './photoDocuments';
import { SAMPLES } from './samples/samples';
import { DESK_ID_CARD, SEVERAL_CARDS_HEIGHT, SEVERAL_CARDS_WIDTH, severalCardsDocuments } from './samples/severalCardsPhoto';

const FRONT = { name: '韩梅梅', sex: '女', birth: '1992-05-14', ethnicity: '汉', address: '样本省样本市人民路2号', number: '990101199205140026' };
const BACK = { issue: '样本市公安局', valid_from: '2016.05.20', valid_to: '2036.05.20' };
const BOTH: CarriedIdCard = { front: FRONT, back: BACK };
// A fixed "today" in China: 2026-12-01.
const NOW = Date.parse('2026-12-01T02:00:00Z');
const EVERY_SWITCH = Object.fromEntries(
	['return_verification', 'return_text_location', 'return_portrait_location', 'return_portrait_image', 'return_adjusted_image', ...PHOTO_CHECKS.map((c) => `detect_${c}`)].map(
		(name) => [name, true],
	),
);

let server: HuaweiServer;
let authToken: string;

beforeAll(async () => {
	server = await startHuaweiServer({ now: () => NOW });
	authToken = (await requestToken(server.url)).token;
});
afterAll(async () => await server.close());

type Result = Record<string, unknown>;
async function recognize(body: Record<string, unknown>, headers: Record<string, string> = { 'X-Auth-Token': authToken }) {
	const response = await fetch(`${server.url}${idCardPath(PROJECT_ID)}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as { result?: Result & { front?: Result; back?: Result }; error_code?: string; error_msg?: string } };
}
const photo = (card: CarriedIdCard, image = makeJpeg(1000, 640)) => withIdCard(image, card).toString('base64');
const pngOf = (base64: unknown) => readImageInfo(Buffer.from(base64 as string, 'base64'), ID_CARD_IMAGE_LIMITS);

describe("the stand-in's RecognizeIdCard", () => {
	it('reads the front of a photo of the portrait side: its six fields and nothing more, unless asked', async () => {
		const { status, body } = await recognize({ image: photo({ front: FRONT }), side: 'front' });
		expect(status).toBe(200);
		expect(body.result).toEqual(FRONT);
	});

	it('answers every switch with the shapes of the SDK models: verification, boxes, portrait and card PNGs, checks with integer scores', async () => {
		const { body } = await recognize({ image: photo({ front: FRONT, flagged: ['glare'], scores: { blur: 37 } }), ...EVERY_SWITCH });
		const result = body.result!;
		// A front alone: the back's checks are false, as the models say.
		expect(result.verification_result).toEqual({ valid_number: true, valid_birth: true, valid_sex: true, valid_date: false, valid_validity_period: false });
		expect(Object.keys(result.text_location as object)).toEqual(['name', 'sex', 'birth', 'ethnicity', 'address', 'number']);
		expect(result.portrait_location).toEqual([expect.any(Array), expect.any(Array), expect.any(Array), expect.any(Array)]);
		expect(pngOf(result.portrait_image)).toMatchObject({ format: 'png', width: 220, height: 270 });
		expect(pngOf(result.adjusted_image)).toMatchObject({ format: 'png', width: 856, height: 540 });
		for (const check of PHOTO_CHECKS) expect([check, result[`detect_${check}_result`]]).toEqual([check, check === 'glare']);
		const scores = result.score_info as Record<string, number>;
		expect(Object.keys(scores).sort()).toEqual(PHOTO_CHECKS.map((check) => `${check}_score`).sort());
		expect(Object.values(scores).every(Number.isInteger)).toBe(true);
		expect(scores.blur_score).toBe(37);
		expect(scores.glare_score).toBeGreaterThan(scores.copy_score);
	});

	it('reads a back photo by itself: its three fields, an empty portrait, validity checked against today in China', async () => {
		const { body } = await recognize({ image: photo({ back: BACK }), return_portrait_image: true, return_verification: true });
		expect(body.result).toEqual({
			...BACK,
			portrait_image: '',
			verification_result: { valid_number: false, valid_birth: false, valid_sex: false, valid_date: true, valid_validity_period: true },
		});
		const expired = await recognize({ image: photo({ back: { ...BACK, valid_from: '2006.03.01', valid_to: '2016.03.01' } }), return_verification: true });
		expect(expired.body.result?.verification_result).toMatchObject({ valid_date: false, valid_validity_period: true });
		const longTerm = await recognize({ image: photo({ back: { ...BACK, valid_to: '长期' } }), return_verification: true });
		expect(longTerm.body.result?.verification_result).toMatchObject({ valid_date: true, valid_validity_period: true });
		const odd = await recognize({ image: photo({ back: { ...BACK, valid_to: '2029.05.20' } }), return_verification: true });
		expect(odd.body.result?.verification_result).toMatchObject({ valid_validity_period: false });
	});

	it("checks the number as Huawei's verification does: check digit, birth date and sex", async () => {
		const check = async (front: Record<string, string>) =>
			(await recognize({ image: photo({ front }), return_verification: true })).body.result?.verification_result;
		expect(await check({ ...FRONT, number: '990101199205140027' })).toMatchObject({ valid_number: false, valid_birth: false, valid_sex: false });
		expect(await check({ ...FRONT, birth: '1992年5月15日' })).toMatchObject({ valid_number: true, valid_birth: false, valid_sex: true });
		expect(await check({ ...FRONT, birth: '1992年5月14日', sex: '男' })).toMatchObject({ valid_birth: true, valid_sex: false });
	});

	it('reads the side a photo shows when another is asked for, and the first it shows when none is', async () => {
		const asFront = await recognize({ image: photo({ back: BACK }), side: 'front' });
		expect(asFront).toEqual({ status: 200, body: { result: BACK } });
		const asBack = await recognize({ image: photo({ front: FRONT }), side: 'back' });
		expect(asBack.body.result).toEqual(FRONT);
		expect((await recognize({ image: photo(BOTH), side: 'back' })).body.result).toEqual(BACK);
		expect((await recognize({ image: photo(BOTH), side: '' })).body.result).toEqual(FRONT);
	});

	it('double_side answers front and back objects, each with its own verification and checks', async () => {
		const { body } = await recognize({ image: photo({ ...BOTH, flagged: ['copy'] }), side: 'double_side', return_verification: true, detect_copy: true });
		expect(body.result).toEqual({
			front: { ...FRONT, verification_result: { valid_number: true, valid_birth: true, valid_sex: true }, detect_copy_result: true, score_info: { copy_score: 93 } },
			back: { ...BACK, verification_result: { valid_date: true, valid_validity_period: true }, detect_copy_result: true, score_info: { copy_score: 93 } },
		});
		const oneSide = await recognize({ image: photo({ front: FRONT }), side: 'double_side' });
		expect(oneSide.body.result).toEqual({ front: FRONT, back: { issue: '', valid_from: '', valid_to: '' } });
	});

	it('double_side refuses a photo of the same side twice (AIS.0122)', async () => {
		const { status, body } = await recognize({ image: photo({ front: FRONT, shows: ['front', 'front'] }), side: 'double_side' });
		expect({ status, code: body.error_code }).toEqual({ status: 400, code: 'AIS.0122' });
	});

	it('finds no ID card on a bank card photo (AIS.0104), the desk photo its ID card, any other photo the default card', async () => {
		const bankCard = await recognize({ image: withCard(makePng(960, 620), SAMPLES[0].card).toString('base64') });
		expect(bankCard).toMatchObject({ status: 400, body: { error_code: 'AIS.0104', error_msg: expect.stringContaining('no ID card') } });
		const desk = withDocuments(makePng(SEVERAL_CARDS_WIDTH, SEVERAL_CARDS_HEIGHT), severalCardsDocuments(SAMPLES));
		const fromDesk = await recognize({ image: desk.toString('base64'), return_verification: true });
		expect(fromDesk.body.result).toMatchObject({ ...DESK_ID_CARD.front, verification_result: { valid_number: true, valid_birth: true, valid_sex: true } });
		const untagged = await recognize({ image: makeJpeg(800, 500).toString('base64') });
		expect(untagged.body.result).toEqual(DEFAULT_ID_CARD.front);
		expect((await recognize({ url: 'https://example.com/notacard.jpg' })).body.error_code).toBe('AIS.0104');
	});

	it('refuses a side it does not know, a switch that is not a boolean and a broken ID card tag (AIS.0101)', async () => {
		const image = photo(BOTH);
		expect((await recognize({ image, side: 'left' })).body.error_code).toBe('AIS.0101');
		expect((await recognize({ image, detect_copy: 'yes' })).body).toMatchObject({ error_code: 'AIS.0101', error_msg: expect.stringContaining('detect_copy') });
		const broken = await recognize({ image: photo({ front: { ...FRONT, number: 1 } } as unknown as CarriedIdCard) });
		expect(broken.body).toMatchObject({ error_code: 'AIS.0101', error_msg: expect.stringContaining('front.number must be a string') });
		const wrongCheck = await recognize({ image: photo({ front: FRONT, flagged: ['dust'] } as unknown as CarriedIdCard) });
		expect(wrongCheck.body.error_code).toBe('AIS.0101');
	});

	it('RecognizeBankcard finds no bank card on an ID card photo (AIS.0104), as Huawei on the ID card of an onboarding email', async () => {
		const response = await fetch(`${server.url}/v2/${PROJECT_ID}/ocr/bankcard`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Auth-Token': authToken },
			body: JSON.stringify({ image: photo({ front: FRONT }) }),
		});
		expect({ status: response.status, body: await response.json() }).toMatchObject({ status: 400, body: { error_code: 'AIS.0104' } });
	});

	it('auto-classification reports a photo of one ID card as an id_card document with its fields', async () => {
		const response = await fetch(`${server.url}/v2/${PROJECT_ID}/ocr/auto-classification`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Auth-Token': authToken },
			body: JSON.stringify({ image: photo(BOTH, makePng(900, 600)) }),
		});
		expect(await response.json()).toEqual({ result: [{ type: 'id_card', status: {}, content: { ...FRONT, ...BACK }, location: boxCorners(0, 0, 900, 600) }] });
	});

	it('stands behind the same gateway as the other APIs: no token, no answer', async () => {
		const { status, body } = await recognize({ image: photo(BOTH) }, {});
		expect({ status, code: body.error_code }).toEqual({ status: 401, code: 'APIG.0301' });
	});
});
