import { UserError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { credentialSecrets, parseCredential } from '../../../../credentials/common/huawei/credential';
import { fingerprintOf } from '../../../../credentials/common/huawei/signInIdentity';
import { thrown } from '../../../helpers/thrown';

const password: ICredentialDataDecryptedObject = {
	region: 'cn-east-3',
	userName: 'ocr-bot',
	password: 'Pa55word',
	accountName: 'acme-corp',
	project: 'cn-east-3_finance',
};

const accessKey: ICredentialDataDecryptedObject = {
	authentication: 'accessKey',
	region: 'cn-east-3',
	accessKeyId: 'HPUAEXAMPLEAK0000001',
	secretAccessKey: 'secret-access-key',
	securityToken: 'security-token',
	projectId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
};

function fingerprint(data: ICredentialDataDecryptedObject): string {
	return fingerprintOf(parseCredential(data));
}

describe('parseCredential', () => {
	it('reads a credential without an Authentication field (saved before it existed) as a password one', () => {
		expect(parseCredential(password)).toEqual({
			mode: 'password',
			region: 'cn-east-3',
			iamEndpoint: 'https://iam.cn-east-3.myhuaweicloud.com',
			ocrEndpoint: 'https://ocr.cn-east-3.myhuaweicloud.com',
			userName: 'ocr-bot',
			password: 'Pa55word',
			accountName: 'acme-corp',
			project: 'cn-east-3_finance',
		});
		expect(parseCredential({ ...password, authentication: 'password' })).toEqual(parseCredential(password));
	});

	it('fills in the default region and empty fields for a bare credential', () => {
		expect(parseCredential({})).toEqual({
			mode: 'password',
			region: 'cn-north-4',
			iamEndpoint: 'https://iam.cn-north-4.myhuaweicloud.com',
			ocrEndpoint: 'https://ocr.cn-north-4.myhuaweicloud.com',
			userName: '',
			password: '',
			accountName: '',
			project: '',
		});
	});

	it('trims what the user typed around names, but never the password', () => {
		const settings = parseCredential({
			region: ' cn-east-3 ',
			userName: ' ocr-bot ',
			password: ' pass word ',
			accountName: '\tacme-corp\n',
			project: ' p ',
		});
		expect(settings).toMatchObject({
			region: 'cn-east-3',
			userName: 'ocr-bot',
			password: ' pass word ',
			accountName: 'acme-corp',
			project: 'p',
		});
	});

	it('reads the access key fields, trimmed, in AK/SK mode', () => {
		expect(
			parseCredential({
				...accessKey,
				accessKeyId: ' HPUAEXAMPLEAK0000001 ',
				secretAccessKey: ' secret-access-key\n',
				projectId: ' 0a1b2c3d4e5f60718293a4b5c6d7e8f9 ',
				// Fields of the other mode stay out.
				userName: 'ocr-bot',
				password: 'Pa55word',
			}),
		).toEqual({
			mode: 'accessKey',
			region: 'cn-east-3',
			iamEndpoint: 'https://iam.cn-east-3.myhuaweicloud.com',
			ocrEndpoint: 'https://ocr.cn-east-3.myhuaweicloud.com',
			accessKeyId: 'HPUAEXAMPLEAK0000001',
			secretAccessKey: 'secret-access-key',
			securityToken: 'security-token',
			projectId: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
		});
	});

	it('reads non-string values as empty', () => {
		expect(
			parseCredential({ authentication: 'accessKey', region: 7 as unknown as string, accessKeyId: null as unknown as string }),
		).toMatchObject({ region: 'cn-north-4', accessKeyId: '', secretAccessKey: '', securityToken: '', projectId: '' });
	});
});

describe('parseCredential: custom endpoints', () => {
	it.each([
		['https://iam.example.eu', 'https://iam.example.eu'],
		['https://iam.example.eu/', 'https://iam.example.eu'],
		['  https://iam.example.eu//  ', 'https://iam.example.eu'],
		['http://10.0.0.5:8443/', 'http://10.0.0.5:8443'],
		['https://proxy.example.com/huawei-iam/', 'https://proxy.example.com/huawei-iam'],
		['HTTPS://IAM.EXAMPLE.EU', 'HTTPS://IAM.EXAMPLE.EU'],
	])('accepts %j as the IAM Endpoint and uses %j', (given, used) => {
		const settings = parseCredential({ ...password, iamEndpoint: given });
		expect(settings.iamEndpoint).toBe(used);
		expect(settings.ocrEndpoint).toBe('https://ocr.cn-east-3.myhuaweicloud.com');
	});

	it('overrides the OCR endpoint independently, keeping a path prefix', () => {
		const settings = parseCredential({ ...accessKey, ocrEndpoint: 'https://proxy.example.com/huawei-ocr/' });
		expect(settings.ocrEndpoint).toBe('https://proxy.example.com/huawei-ocr');
		expect(settings.iamEndpoint).toBe('https://iam.cn-east-3.myhuaweicloud.com');
	});

	it('uses the region\'s endpoints for empty or blank fields', () => {
		const settings = parseCredential({ ...password, iamEndpoint: '', ocrEndpoint: '   ' });
		expect(settings.iamEndpoint).toBe('https://iam.cn-east-3.myhuaweicloud.com');
		expect(settings.ocrEndpoint).toBe('https://ocr.cn-east-3.myhuaweicloud.com');
	});

	it.each([
		['iamEndpoint', 'IAM Endpoint', 'ftp://x', /must start with https:\/\/ \(or http:\/\/\), not "ftp:"/],
		['iamEndpoint', 'IAM Endpoint', 'file:///etc/passwd', /must start with https:\/\//],
		['ocrEndpoint', 'OCR Endpoint', 'javascript:alert(1)', /must start with https:\/\//],
		['ocrEndpoint', 'OCR Endpoint', 'not a url', /"not a url" is not a valid URL/],
		['iamEndpoint', 'IAM Endpoint', 'iam.example.eu', /"iam.example.eu" is not a valid URL/],
	])('refuses %s %j with a message naming the field', (field, label, value, message) => {
		for (const data of [password, accessKey]) {
			const error = thrown(() => parseCredential({ ...data, [field]: value }));
			expect(error).toBeInstanceOf(UserError);
			expect(error.message).toMatch(new RegExp(`^The credential's ${label} `));
			expect(error.message).toMatch(message);
		}
	});

	it('suggests an address of the right service for an invalid endpoint', () => {
		expect(thrown(() => parseCredential({ ...password, ocrEndpoint: 'nope' })).message).toContain(
			'such as https://ocr.cn-east-3.myhuaweicloud.com',
		);
		expect(thrown(() => parseCredential({ ...password, iamEndpoint: 'nope' })).message).toContain(
			'such as https://iam.cn-east-3.myhuaweicloud.com',
		);
	});
});

describe('credentialSecrets', () => {
	it('lists the password, secret key, security token and token that are set, nothing else', () => {
		expect(
			credentialSecrets({
				...password,
				...accessKey,
				token: 'issued-token',
				resolvedProjectId: 'p',
				signInFingerprint: 'f',
			}).sort(),
		).toEqual(['Pa55word', 'issued-token', 'secret-access-key', 'security-token'].sort());
	});

	it('leaves out empty and non-string values', () => {
		expect(credentialSecrets({ password: '', secretAccessKey: undefined as unknown as string, token: 5 as unknown as string })).toEqual([]);
	});
});

describe('signInFingerprint', () => {
	it('is a short hash that shows no secret', () => {
		for (const data of [password, accessKey]) {
			const value = fingerprint(data);
			expect(value).toMatch(/^[0-9a-f]{16}$/);
			expect(value).toBe(fingerprint({ ...data }));
		}
	});

	it.each([
		['userName', 'other-user'],
		['password', 'other-password'],
		['accountName', 'other-account'],
		['project', 'cn-east-3_other'],
		['region', 'cn-north-4'],
		['iamEndpoint', 'https://iam.example.eu'],
		['authentication', 'accessKey'],
	])('changes in password mode when %s changes', (field, value) => {
		expect(fingerprint({ ...password, [field]: value })).not.toBe(fingerprint(password));
	});

	it.each([
		['accessKeyId', 'HPUAOTHERKEY00000001'],
		['secretAccessKey', 'other-secret'],
		['securityToken', 'other-token'],
		['securityToken', ''],
		['projectId', ''],
		['region', 'cn-north-4'],
		['iamEndpoint', 'https://iam.example.eu'],
		['authentication', 'password'],
	])('changes in AK/SK mode when %s changes to %j', (field, value) => {
		expect(fingerprint({ ...accessKey, [field]: value })).not.toBe(fingerprint(accessKey));
	});

	it('does not change when only the OCR endpoint changes', () => {
		for (const data of [password, accessKey]) {
			expect(fingerprint({ ...data, ocrEndpoint: 'https://proxy.example.com/huawei-ocr' })).toBe(fingerprint(data));
		}
	});

	it('does not change with the stored sign-in itself or with the other mode\'s fields', () => {
		const signedIn = { token: 't', resolvedProjectId: 'p', signInFingerprint: 'f' };
		expect(fingerprint({ ...password, ...signedIn, accessKeyId: 'X', secretAccessKey: 'Y' })).toBe(fingerprint(password));
		expect(fingerprint({ ...accessKey, ...signedIn, userName: 'X', password: 'Y' })).toBe(fingerprint(accessKey));
	});

	it('does not change with whitespace the sign-in ignores too', () => {
		expect(fingerprint({ ...password, userName: ' ocr-bot ', iamEndpoint: '' })).toBe(fingerprint(password));
		expect(fingerprint({ ...password, iamEndpoint: 'https://iam.cn-east-3.myhuaweicloud.com/' })).toBe(
			fingerprint(password),
		);
	});

	it('does not let one field\'s value run into the next', () => {
		expect(fingerprint({ ...password, userName: 'ab', password: 'c' })).not.toBe(
			fingerprint({ ...password, userName: 'a', password: 'bc' }),
		);
	});
});
