/**
 * The local server's default identities and card must stay those of test/helpers/huawei.ts
 * (fixtures.ts explains why they are repeated rather than imported). Kept apart from
 * server.test.ts because importing the helpers switches nock's interception on.
 */
import {
	ACCESS_KEY_ID,
	CARD_RESULT,
	PASSWORD,
	PROJECT_ID,
	REGION,
	SECRET_ACCESS_KEY,
	SECURITY_TOKEN,
	accessKeyCredential,
	passwordCredential,
} from '../helpers/huawei';
import {
	DEFAULT_ACCESS_KEY,
	DEFAULT_CARD,
	DEFAULT_PROJECT_ID,
	DEFAULT_REGION,
	DEFAULT_SECURITY_TOKEN,
	DEFAULT_USER,
} from './fixtures';

describe('local server fixtures', () => {
	it('match the test helpers: region, project, card', () => {
		expect(DEFAULT_REGION).toBe(REGION);
		expect(DEFAULT_PROJECT_ID).toBe(PROJECT_ID);
		expect(DEFAULT_CARD).toEqual(CARD_RESULT);
	});

	it('accept the password credential of the helpers', () => {
		const { userName, password, accountName } = passwordCredential().data;
		expect(DEFAULT_USER).toEqual({ name: userName, password, domain: accountName });
		expect(DEFAULT_USER.password).toBe(PASSWORD);
	});

	it('accept the access key credential of the helpers', () => {
		const { accessKeyId, secretAccessKey } = accessKeyCredential().data;
		expect(DEFAULT_ACCESS_KEY).toEqual({ ak: accessKeyId, sk: secretAccessKey });
		expect(DEFAULT_ACCESS_KEY).toEqual({ ak: ACCESS_KEY_ID, sk: SECRET_ACCESS_KEY });
		expect(DEFAULT_SECURITY_TOKEN).toBe(SECURITY_TOKEN);
	});
});
