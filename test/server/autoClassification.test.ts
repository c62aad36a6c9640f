/**
 * The stand-in's RecognizeAutoClassification, over real sockets: the shapes of Huawei's SDK
 * models, `type_list`, the documents a photo carries, and the gateway in front of it.
 */
import { autoClassificationPath } from '../../nodes/HuaweiOcr/shared/autoClassification/api';
import { requestToken } from '../../scripts/bench/clients';
import { CARD_RESULT, PROJECT_ID } from '../helpers/fixtures';
import { makeJpeg, makePng } from '../helpers/images';
import { cardResult, startHuaweiServer, withCard, type HuaweiServer } from './huaweiServer';
import { boxCorners, withDocuments } from './photoDocuments';
import { SAMPLES } from './samples/samples';
import { UNKNOWN_PHOTO_MESSAGE } from './unknownPhoto';
import { SEVERAL_CARDS_FILE, SEVERAL_CARDS_HEIGHT, SEVERAL_CARDS_WIDTH, severalCardsDocuments } from './samples/severalCardsPhoto';

let server: HuaweiServer;
let authToken: string;
const sample = (file: string) => SAMPLES.find((one) => one.file === file)!;
// The sample's documents on a blank photo of its size: painting it is the samples test's job
// (and slow under Jest).
const PHOTO = withDocuments(makePng(SEVERAL_CARDS_WIDTH, SEVERAL_CARDS_HEIGHT), severalCardsDocuments(SAMPLES));

beforeAll(async () => {
	server = await startHuaweiServer({ files: { [SEVERAL_CARDS_FILE]: PHOTO } });
	authToken = (await requestToken(server.url)).token;
});
afterAll(async () => await server.close());

async function classify(body: unknown, headers: Record<string, string> = { 'X-Auth-Token': authToken }) {
	const response = await fetch(`${server.url}${autoClassificationPath(PROJECT_ID)}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as { result?: Array<Record<string, unknown>>; error_code?: string } };
}

const severalCards = () => PHOTO.toString('base64');

describe('the stand-in\'s RecognizeAutoClassification', () => {
	it('answers the several-cards sample\'s documents asked for bank cards only: each card with type, status, content, location; the ID card left out', async () => {
		const { status, body } = await classify({ image: severalCards(), type_list: ['bankcard'] });

		expect(status).toBe(200);
		expect(body.result).toEqual([
			{ type: 'bankcard', status: {}, content: cardResult(sample('cmb-visa-credit.png').card), location: boxCorners(990, 40, 856, 540) },
			{ type: 'bankcard', status: {}, content: cardResult(sample('icbc-unionpay-debit.png').card), location: boxCorners(60, 70, 856, 540) },
			{
				type: 'bankcard',
				status: { error_code: 'AIS.0104', error_msg: expect.any(String) },
				content: {},
				location: boxCorners(990, 700, 856, 540),
			},
		]);
	});

	it('without type_list reports every document it finds, the ID card with its fields', async () => {
		const { body } = await classify({ image: severalCards() });
		expect(body.result?.map((entry) => entry.type)).toEqual(['bankcard', 'id_card', 'bankcard', 'bankcard']);
		expect(body.result?.[1]).toMatchObject({ status: {}, content: { name: '张三' }, location: boxCorners(60, 690, 856, 540) });
	});

	it('reads the sample by its URL on this server too', async () => {
		const { body } = await classify({ url: `${server.url}/files/${SEVERAL_CARDS_FILE}`, type_list: ['bankcard'] });
		expect(body.result).toHaveLength(3);
	});

	it('a photo of one card is that card, covering the photo; a photo without a tag the default card', async () => {
		const card = sample('boc-mastercard-credit.png').card;
		const one = await classify({ image: withCard(makeJpeg(900, 600), card).toString('base64'), type_list: ['bankcard'] });
		expect(one.body.result).toEqual([{ type: 'bankcard', status: {}, content: cardResult(card), location: boxCorners(0, 0, 900, 600) }]);
		const plain = await classify({ image: makePng(700, 500).toString('base64') });
		expect(plain.body.result).toEqual([{ type: 'bankcard', status: {}, content: CARD_RESULT, location: boxCorners(0, 0, 700, 500) }]);
	});

	it("with unknownPhotos: 'noCard' (dev mode), a photo without a tag is no card found, not the default card", async () => {
		const honest = await startHuaweiServer({ unknownPhotos: 'noCard' });
		try {
			const answer = async (body: unknown) => {
				const response = await fetch(`${honest.url}${autoClassificationPath(PROJECT_ID)}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', 'X-Auth-Token': (await requestToken(honest.url)).token },
					body: JSON.stringify(body),
				});
				return { status: response.status, body: (await response.json()) as Record<string, unknown> };
			};
			for (const body of [{ image: makePng(700, 500).toString('base64') }, { url: 'https://example.com/desk.jpg' }]) {
				expect(await answer(body)).toEqual({ status: 400, body: expect.objectContaining({ error_code: 'AIS.0104', error_msg: UNKNOWN_PHOTO_MESSAGE }) });
			}
			// What it knows it still reads: a photo of several cards.
			expect(await answer({ image: severalCards(), type_list: ['bankcard'] })).toMatchObject({ status: 200, body: { result: expect.any(Array) } });
		} finally {
			await honest.close();
		}
	});

	it('a photo carrying no document answers an empty list; asking for another kind leaves the cards out', async () => {
		const empty = await classify({ image: withDocuments(makeJpeg(900, 600), []).toString('base64') });
		expect(empty).toEqual({ status: 200, body: { result: [] } });
		const passports = await classify({ image: severalCards(), type_list: ['passport'] });
		expect(passports.body.result).toEqual([]);
	});

	it('refuses a type_list that is not a list of names, a broken documents tag, and a photo over 8000 pixels', async () => {
		expect((await classify({ image: severalCards(), type_list: 'bankcard' })).body.error_code).toBe('AIS.0101');
		const broken = withDocuments(makeJpeg(900, 600), [{ type: 'bankcard', location: [[0, 0]], unreadable: true }]);
		const refused = await classify({ image: broken.toString('base64') });
		expect(refused).toMatchObject({ status: 400, body: { error_code: 'AIS.0101', error_msg: expect.stringContaining('location') } });
		expect((await classify({ image: makePng(8100, 100).toString('base64') })).body.error_code).toBe('AIS.0103');
	});

	it('RecognizeBankcard, sent the same photo, reads one of its cards: what several cards per photo is for', async () => {
		const response = await fetch(`${server.url}/v2/${PROJECT_ID}/ocr/bankcard`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-Auth-Token': authToken },
			body: JSON.stringify({ image: severalCards() }),
		});
		expect(await response.json()).toEqual({ result: cardResult(sample('cmb-visa-credit.png').card) });
	});

	it('stands behind the same gateway as the bank card API: no token, no answer', async () => {
		const { status, body } = await classify({ image: severalCards() }, {});
		expect(status).toBe(401);
		expect(body.error_code).toBe('APIG.0301');
	});
});
