import { bankcardPath } from '../../../../nodes/HuaweiOcr/BankcardOcr/bankcardApi';
import { iamEndpoint, ocrEndpoint, REGION_OPTIONS, withProjectId } from '../../../../credentials/common/huawei/endpoints';

describe('endpoints', () => {
	it('derives the regional IAM and OCR hosts', () => {
		expect(iamEndpoint('cn-east-3')).toBe('https://iam.cn-east-3.myhuaweicloud.com');
		expect(ocrEndpoint('cn-north-4')).toBe('https://ocr.cn-north-4.myhuaweicloud.com');
	});

	it('labels regions with their city and lists the bank card regions first', () => {
		expect(REGION_OPTIONS.slice(0, 2)).toEqual([
			expect.objectContaining({ name: 'Beijing4 (cn-north-4)', value: 'cn-north-4' }),
			expect.objectContaining({ name: 'Shanghai1 (cn-east-3)', value: 'cn-east-3' }),
		]);
		expect(new Set(REGION_OPTIONS.map((option) => option.value)).size).toBe(REGION_OPTIONS.length);
	});

	it('fills the project id into the placeholder and replaces a stale one', () => {
		const url = `${ocrEndpoint('cn-north-4')}${bankcardPath()}`;
		expect(url).toBe('https://ocr.cn-north-4.myhuaweicloud.com/v2/{project_id}/ocr/bankcard');
		const first = withProjectId(url, 'aaaa');
		expect(first).toBe('https://ocr.cn-north-4.myhuaweicloud.com/v2/aaaa/ocr/bankcard');
		expect(withProjectId(first, 'bbbb')).toBe('https://ocr.cn-north-4.myhuaweicloud.com/v2/bbbb/ocr/bankcard');
	});

	it('leaves non-OCR URLs alone', () => {
		const iam = 'https://iam.cn-north-4.myhuaweicloud.com/v3/auth/projects';
		expect(withProjectId(iam, 'p')).toBe(iam);
	});
});
