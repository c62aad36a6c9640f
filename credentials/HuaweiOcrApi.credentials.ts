import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { authenticateRequest, signIn } from './common/huawei/authenticate';
import { DEFAULT_REGION, IAM_ENDPOINT_EXPRESSION, REGION_OPTIONS } from './common/huawei/endpoints';

const passwordOnly = { show: { authentication: ['password'] } };
const accessKeyOnly = { show: { authentication: ['accessKey'] } };

export class HuaweiOcrApi implements ICredentialType {
	name = 'huaweiOcrApi';

	displayName = 'Huawei OCR API';

	icon: Icon = { light: 'file:huaweiOcr.svg', dark: 'file:huaweiOcr.dark.svg' };

	documentationUrl = 'https://support.huaweicloud.com/intl/en-us/api-ocr/ocr_03_0005.html';

	properties: INodeProperties[] = [
		{
			displayName:
				'Bank card and ID card recognition are offered in Beijing4 (cn-north-4) and Shanghai1 (cn-east-3). Enable each one you use once for that region in the Huawei Cloud OCR console (Bank Card, ID Card) before using it.',
			name: 'regionNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'IAM User Password',
					value: 'password',
					description: 'Sign in as an IAM user with its password',
				},
				{
					name: 'Access Key (AK/SK)',
					value: 'accessKey',
					description: 'Sign every request with an access key ID and secret access key',
				},
			],
			default: 'password',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: REGION_OPTIONS,
			default: DEFAULT_REGION,
			description: 'The Huawei Cloud region where the OCR service is enabled for your account',
		},
		{
			displayName: 'IAM User Name',
			name: 'userName',
			type: 'string',
			default: '',
			required: true,
			displayOptions: passwordOnly,
			description:
				'Name of an IAM user of your account (console: Identity and Access Management > Users). The user needs the OCR permission, for example "OCR FullAccess".',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: passwordOnly,
			description: 'The password of that IAM user',
		},
		{
			displayName: 'Account Name',
			name: 'accountName',
			type: 'string',
			default: '',
			required: true,
			displayOptions: passwordOnly,
			description:
				'The Huawei Cloud account that owns the IAM user, also called the domain name. Console: click your name > My Credentials > "Account Name".',
		},
		{
			displayName: 'Project',
			name: 'project',
			type: 'string',
			default: '',
			placeholder: 'Leave empty for the region\'s default project',
			displayOptions: passwordOnly,
			description:
				'Optional. A project name or ID from My Credentials > Projects. Leave empty to use the region\'s default project.',
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: accessKeyOnly,
			description:
				'The access key ID (AK) from My Credentials > Access Keys, or from the credentials.csv file downloaded when the key was created',
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: accessKeyOnly,
			description: 'The secret access key (SK) that belongs to that access key ID, from the same credentials.csv file',
		},
		{
			displayName: 'Security Token',
			name: 'securityToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: accessKeyOnly,
			description:
				'Only for temporary access keys (obtained from IAM or an agency): the security token issued with them. Leave empty for permanent keys.',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			displayOptions: accessKeyOnly,
			description:
				'Optional. The project ID from My Credentials > Projects. Leave empty to look up the region\'s default project automatically.',
		},
		{
			displayName: 'IAM Endpoint',
			name: 'iamEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://iam.cn-north-4.myhuaweicloud.com',
			description:
				'Optional. Only for Huawei Cloud Stack, the European site (myhuaweicloud.eu) or a proxy: the IAM address to use instead of the one for the region.',
		},
		{
			displayName:
				'This IAM Endpoint starts with http://, so the password would travel unencrypted. Use https:// unless it is a proxy on the same machine.',
			name: 'plainHttpIamNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { authentication: ['password'], iamEndpoint: [{ _cnd: { startsWith: 'http://' } }] } },
		},
		{
			displayName: 'OCR Endpoint',
			name: 'ocrEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://ocr.cn-north-4.myhuaweicloud.com',
			description:
				'Optional. Only for Huawei Cloud Stack, the European site or a proxy: the OCR address to use instead of the one for the region.',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Resolved Project ID',
			name: 'resolvedProjectId',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Sign-In Fingerprint',
			name: 'signInFingerprint',
			type: 'hidden',
			default: '',
		},
	];

	// n8n calls this when `token` is empty or a request came back 401, and saves what it returns,
	// so one sign-in serves every item and execution until Huawei rejects it (after about 24 h).
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await signIn(this, credentials);
	}

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => authenticateRequest(credentials, requestOptions);

	// Signing in already proves user, password and account (or the key pair, through the project
	// lookup); one more IAM call proves the token or signature is accepted for API calls, without
	// needing any permission beyond a valid sign-in.
	test: ICredentialTestRequest = {
		request: {
			baseURL: IAM_ENDPOINT_EXPRESSION,
			url: '={{$credentials.authentication === "accessKey" ? "/v3/projects" : "/v3/auth/projects"}}',
			method: 'GET',
		},
		// Reached only when signing in raised no clearer message: with a Project ID entered, an
		// access key is first used by this request, and n8n reports a rejection by status only.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Huawei rejected the credential. For an access key: check the Secret Access Key, that the key is active and not locked, and that the clock of the computer running n8n is right. Leave Project ID empty and test again for a more precise reason.',
				},
			},
		],
	};
}
