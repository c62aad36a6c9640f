import { describeTokenFailure, passwordTokenBody } from '../../../../credentials/common/huawei/passwordSignIn';

const login = {
	region: 'cn-north-4',
	iamEndpoint: 'https://iam.cn-north-4.myhuaweicloud.com',
	userName: ' ocr-bot ',
	password: 'S3cret!pw',
	accountName: 'acme-corp',
	project: '',
};

describe('IAM password token request', () => {
	it('scopes the token to the region\'s default project when no project is given', () => {
		expect(passwordTokenBody(login)).toEqual({
			auth: {
				identity: {
					methods: ['password'],
					password: {
						user: { name: 'ocr-bot', password: 'S3cret!pw', domain: { name: 'acme-corp' } },
					},
				},
				scope: { project: { name: 'cn-north-4' } },
			},
		});
	});

	it('scopes by id when the project looks like a project id, by name otherwise', () => {
		const id = '0123456789abcdef0123456789abcdef';
		expect(passwordTokenBody({ ...login, project: id }).auth).toMatchObject({
			scope: { project: { id } },
		});
		expect(passwordTokenBody({ ...login, project: 'cn-north-4_finance' }).auth).toMatchObject({
			scope: { project: { name: 'cn-north-4_finance' } },
		});
	});

	it('explains a rejected sign-in without repeating the password', () => {
		const message = describeTokenFailure(
			401,
			{ error: { code: 401, message: 'The username or password is wrong.', title: 'Unauthorized' } },
			login,
		);
		expect(message).toContain('The username or password is wrong.');
		expect(message).toContain('IAM User Name');
		expect(message).toContain('"acme-corp"');
		expect(message).not.toContain(login.password);
	});

	it('reads the newer IAM error shape and names the project on a scope problem', () => {
		const message = describeTokenFailure(
			400,
			{ error_code: 'IAM.0010', error_msg: 'project not found' },
			{ ...login, project: 'nope' },
		);
		expect(message).toContain('project not found (IAM.0010)');
		expect(message).toContain('"nope"');
	});
});
