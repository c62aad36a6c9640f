/**
 * RecognizeIdCard answers for the ID card node's tests, shaped as the official SDK models give
 * them (huaweicloud-sdk-python-v3 .../v1/model/idcard_front_result.py, idcard_back_result.py).
 * Fictional people; numbers on area codes starting 99, which belong to no one, with valid check
 * characters unless a test says otherwise.
 */
import { PROJECT_ID } from '../../../helpers/huawei';

export const ID_CARD_PATH = `/v2/${PROJECT_ID}/ocr/id-card`;
export const AUTO_PATH = `/v2/${PROJECT_ID}/ocr/auto-classification`;

/** A man born 1990-03-07 (17th digit 5, odd). */
export const NUMBER = '990101199003072352';
export const MASKED_NUMBER = '**************2352';
/** A woman born 1988-08-12, whose check character is X. */
export const NUMBER_WITH_X = '99010119880812002X';

export const FRONT = {
	name: '样本',
	sex: '男',
	birth: '1990-03-07',
	ethnicity: '汉',
	address: '北京市东城区样本路1号',
	number: NUMBER,
};

export const BACK = {
	issue: '样本市公安局',
	valid_from: '2015-06-01',
	valid_to: '2035-06-01',
};

/** A 1 x 1 PNG, as Huawei's base64 pictures would decode to. */
export const TINY_PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
/** The first bytes of a JPEG, enough for the format to be told. */
export const TINY_JPEG_BASE64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]).toString('base64');
