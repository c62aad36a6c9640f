import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { authenticateWithToken } from '../nodes/BankcardOcr/transport/authenticate';
import {
	DEFAULT_REGION,
	IAM_ENDPOINT_EXPRESSION,
	REGION_OPTIONS,
} from '../nodes/BankcardOcr/transport/endpoints';
import { passwordToken } from '../nodes/BankcardOcr/transport/iam';

export class HuaweiOcrApi implements ICredentialType {
	name = 'huaweiOcrApi';

	displayName = 'Huawei OCR API';

	icon: Icon = { light: 'file:huaweiOcr.svg', dark: 'file:huaweiOcr.dark.svg' };

	documentationUrl = 'https://support.huaweicloud.com/intl/en-us/api-ocr/ocr_03_0005.html';

	properties: INodeProperties[] = [
		{
			displayName:
				'Bank card recognition is offered in Beijing4 (cn-north-4) and Shanghai1 (cn-east-3). Enable the OCR service for that region once in the Huawei Cloud console before using it.',
			name: 'regionNotice',
			type: 'notice',
			default: '',
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
			description: 'The password of that IAM user',
		},
		{
			displayName: 'Account Name',
			name: 'accountName',
			type: 'string',
			default: '',
			required: true,
			description:
				'The Huawei Cloud account that owns the IAM user, also called the domain name. Console: click your name > My Credentials > "Account Name".',
		},
		{
			displayName: 'Project',
			name: 'project',
			type: 'string',
			default: '',
			placeholder: 'cn-north-4',
			description:
				'Optional. A project name or ID from My Credentials > Projects. Leave empty to use the region\'s default project.',
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
	];

	// n8n calls this when `token` is empty or a request came back 401, and saves what it returns,
	// so one token serves every item and execution until Huawei rejects it (after about 24 h).
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const issued = await passwordToken(
			this,
			{
				region: credentials.region as string,
				userName: credentials.userName as string,
				password: credentials.password as string,
				accountName: credentials.accountName as string,
				project: credentials.project as string,
			},
			(credentials.token as string | undefined) ?? '',
		);
		return { token: issued.token, resolvedProjectId: issued.resolvedProjectId };
	}

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => authenticateWithToken(credentials, requestOptions);

	// Signing in already proves user, password and account; listing the token's projects proves
	// the token is usable, without needing any permission beyond a valid sign-in.
	test: ICredentialTestRequest = {
		request: {
			baseURL: IAM_ENDPOINT_EXPRESSION,
			url: '/v3/auth/projects',
			method: 'GET',
		},
	};
}
