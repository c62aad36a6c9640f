/**
 * The package in a real n8n, driven through n8n's own CLI: loaded from dist/ as an installed
 * community package, its credentials imported (and so encrypted and stored by n8n), workflows
 * imported and run with `n8n execute`, n8n itself running preAuthentication and persisting the
 * token. Huawei is the local protocol server (test/server), reached through the credential's
 * custom endpoints.
 *
 * n8n 2.41.1 by default; `N8N_E2E_VERSION=2.40.7` runs the same suite against the previous 2.x
 * line, `N8N_E2E_VERSION=1.123.81` against the last n8n 1.x, on Node 20 (.ci/run does all three).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import {
	N8N_VERSION,
	ensureN8n,
	ensureRuntimeNode,
	freePort,
	n8nCli,
	n8nEnv,
	prepareUserFolder,
	readJson,
} from '../../scripts/n8nRuntime';
import { packProject } from '../../scripts/packPackage';
import { EMAIL_FILES, EMAIL_PHOTOS, EMAIL_SKIPPED } from '../helpers/emailFiles';
import { CARD_OUTPUT, CARD_OUTPUT_BEFORE_1_2 } from '../helpers/fixtures';
import { makeJpeg } from '../helpers/images';
import { startHuaweiServer, type HuaweiServer } from '../server/huaweiServer';
import { boxCorners, withDocuments } from '../server/photoDocuments';
import { idCardFiles, idCardSample } from '../server/samples/idCardSamples';
import { SAMPLES } from '../server/samples/samples';
import { ageInChina } from './services/ageInChina';
import {
	ACCESS_KEY_CREDENTIAL,
	ID_CARD_NODE,
	PASSWORD_CREDENTIAL,
	credentialsForImport,
	ocrWorkflow,
	outputOf,
	runDataFromRawOutput,
	type Item,
	type RunData,
} from './services/workflows';

/** A test of what only n8n 2.x does; skipped, and so listed as skipped, on n8n 1.x. */
const onN8n2 = N8N_VERSION.startsWith('1.') ? it.skip : it;

let node: string;
let server: HuaweiServer;
let folder: string;
let env: NodeJS.ProcessEnv;
/** Every image the local Huawei server was sent, in arrival order. */
const receivedImages: Buffer[] = [];

function credentialsFile(): string {
	const file = join(folder, 'credentials.json');
	writeFileSync(file, JSON.stringify(credentialsForImport(server.url)));
	return file;
}

async function importWorkflows(workflows: object[]): Promise<void> {
	const file = join(folder, 'workflows.json');
	writeFileSync(file, JSON.stringify(workflows));
	await n8nCli(node, ['import:workflow', `--input=${file}`], env);
}

/** `n8n execute --id`: each node's runs, as n8n recorded them. */
async function runWorkflow(workflowId: string): Promise<RunData> {
	const { stdout, stderr } = await n8nCli(node, ['execute', `--id=${workflowId}`, '--rawOutput'], env);
	return runDataFromRawOutput(stdout, stderr);
}

/** `n8n execute --id` and the Bankcard OCR node's output items. */
async function execute(workflowId: string): Promise<Item[]> {
	return outputOf(await runWorkflow(workflowId), 'Bankcard OCR');
}

async function storedCredential(id: string): Promise<Record<string, unknown>> {
	const file = join(folder, `export-${id}.json`);
	await n8nCli(node, ['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`], env);
	const [credential] = readJson<Array<{ data: Record<string, unknown> }>>(file);
	return credential.data;
}


beforeAll(async () => {
	node = ensureRuntimeNode();
	ensureN8n(node);
	server = await startHuaweiServer({
		cards: (input) => {
			if (input.image) receivedImages.push(input.image);
			return undefined; // the default card
		},
	});
	folder = mkdtempSync(join(tmpdir(), 'n8n-e2e-cli-'));
	// Installed from the packed tarball, as n8n's installer would: the node then uses the host's
	// n8n-workflow (n8n 1.x's own on n8n 1.x), not the project's devDependency.
	prepareUserFolder(folder, false, packProject(join(folder, 'pack')).dir);
	env = n8nEnv(node, folder, await freePort(), {
		// The Read/Write Files node may only read below this folder (n8n 2.x restricts file access).
		N8N_RESTRICT_FILE_ACCESS_TO: join(folder, 'files'),
	});
	mkdirSync(join(folder, 'files'));
	writeFileSync(join(folder, 'files', 'card.jpg'), makeJpeg(856, 540));

	await n8nCli(node, ['import:credentials', `--input=${credentialsFile()}`], env);
	await importWorkflows([
		ocrWorkflow(
			'e2eBinary000001',
			{ inputType: 'binaryData', binaryPropertyName: 'data' },
			PASSWORD_CREDENTIAL,
			{
				before: [
					readCardImage(),
				],
			},
		),
		// A node added now (version 1.2): the card alone; the photo is still there for a later node,
		// taken from the reader (n8n 2.x) or passed on with Keep Input Binary (every version).
		keepPhotoWorkflow('e2eKeepPhoto001', { dataPropertyName: "={{ $('Read Card Image').item.binary.data }}" }),
		keepPhotoWorkflow('e2eKeepPhoto002', { dataPropertyName: 'data', keepInputBinary: true }),
		ocrWorkflow('e2eUrl000000001', { inputType: 'url', imageUrl: 'https://example.com/card.jpg' }, PASSWORD_CREDENTIAL),
		ocrWorkflow('e2eAccessKey001', { inputType: 'url', imageUrl: 'https://example.com/card.jpg' }, ACCESS_KEY_CREDENTIAL),
		ocrWorkflow(
			'e2eContinue0001',
			{ inputType: 'url', imageUrl: 'https://example.com/notacard.jpg' },
			PASSWORD_CREDENTIAL,
			{ continueOnFail: true },
		),
	]);
});

function storedPhoto(workflowId: string): Buffer {
	return readFileSync(join(folder, 'files', `stored-${workflowId}.jpg`));
}

/** Read card.jpg -> Bankcard OCR (1.2, as added now) -> Read/Write Files writing the photo to stored-<id>.jpg. */
function keepPhotoWorkflow(id: string, how: { dataPropertyName: string; keepInputBinary?: boolean }): object {
	const ocrParameters: Record<string, unknown> = { inputType: 'binaryData', binaryPropertyName: 'data' };
	if (how.keepInputBinary) ocrParameters.options = { keepInputBinary: true };
	return ocrWorkflow(id, ocrParameters, PASSWORD_CREDENTIAL, {
		typeVersion: 1.2,
		before: [{ ...readCardImage(), id: `${id}-read` }],
		after: [
			{
				id: `${id}-write`,
				name: 'Store Photo',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				parameters: {
					operation: 'write',
					fileName: join(folder, 'files', `stored-${id}.jpg`),
					dataPropertyName: how.dataPropertyName,
				},
			},
		],
	});
}

/**
 * Read/Write Files, Sort and Aggregate: every file `fileSelector` matches on one item, as data,
 * data_1, ... in file name order, the way an email trigger delivers an email's attachments.
 */
function filesOnOneItem(id: string, fileSelector: string): Array<Record<string, unknown>> {
	return [
		{
			id: `${id}-read`,
			name: 'Read Attachments',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			parameters: { operation: 'read', fileSelector },
		},
		{
			id: `${id}-sort`,
			name: 'Sort',
			type: 'n8n-nodes-base.sort',
			typeVersion: 1,
			parameters: { type: 'simple', sortFieldsUi: { sortField: [{ fieldName: 'fileName', order: 'ascending' }] } },
		},
		{
			id: `${id}-aggregate`,
			name: 'One Item',
			type: 'n8n-nodes-base.aggregate',
			typeVersion: 1,
			parameters: { aggregate: 'aggregateAllItemData', options: { includeBinaries: true } },
		},
	];
}

/** Read/Write Files from Disk reading this test's card.jpg. */
function readCardImage(): Record<string, unknown> {
	return {
		id: 'e2eBinary000001-read',
		name: 'Read Card Image',
		type: 'n8n-nodes-base.readWriteFile',
		typeVersion: 1,
		parameters: { operation: 'read', fileSelector: join(folder, 'files', 'card.jpg') },
	};
}

afterAll(async () => {
	await server?.close();
	if (folder) rmSync(folder, { recursive: true, force: true });
});

describe(`Bankcard OCR in a real n8n ${N8N_VERSION} (CLI)`, () => {
	it('reads a card from a file read by n8n\'s Read/Write Files node, signing in once', async () => {
		const items = await execute('e2eBinary000001');
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({ ...CARD_OUTPUT_BEFORE_1_2, source_binary_field: 'data', source_file_name: 'card.jpg' });
		// Keep Input Binary (default): the image travels on for the next node.
		expect(items[0].binary?.data?.fileName).toBe('card.jpg');
		expect(server.stats.tokenRequests).toBe(1);
		expect(server.stats.ocrByAuth.token).toBe(1);
	});

	// Many nodes' binary field takes an expression that yields a file from n8n 2.x on (README says
	// so); n8n 1.85's Read/Write Files looks for a field named '[object Object]'.
	onN8n2('outputs the card alone from a node added now (1.2), and a later node stores the photo it takes from the reader', async () => {
		const run = await runWorkflow('e2eKeepPhoto001');
		expect(outputOf(run, 'Bankcard OCR').map((item) => item.json)).toEqual([
			{ ...CARD_OUTPUT, source_binary_field: 'data', source_file_name: 'card.jpg' },
		]);
		expect(outputOf(run, 'Bankcard OCR')[0].binary).toBeUndefined();
		expect(outputOf(run, 'Store Photo')).toHaveLength(1);
		expect(storedPhoto('e2eKeepPhoto001').equals(readFileSync(join(folder, 'files', 'card.jpg')))).toBe(true);
	});

	it('passes the photo on to a later node with Keep Input Binary, on a node added now (1.2)', async () => {
		const run = await runWorkflow('e2eKeepPhoto002');
		expect(outputOf(run, 'Bankcard OCR').map((item) => item.json)).toEqual([
			{ ...CARD_OUTPUT, source_binary_field: 'data', source_file_name: 'card.jpg' },
		]);
		expect(outputOf(run, 'Bankcard OCR')[0].binary?.data?.fileName).toBe('card.jpg');
		expect(storedPhoto('e2eKeepPhoto002').equals(readFileSync(join(folder, 'files', 'card.jpg')))).toBe(true);
	});

	it('reads a card from an image URL, reusing the token n8n stored with the credential', async () => {
		const items = await execute('e2eUrl000000001');
		expect(items.map((item) => item.json)).toEqual([CARD_OUTPUT_BEFORE_1_2]);
		expect(server.stats.tokenRequests).toBe(1);
	});

	it('signs in again, through n8n, when Huawei expires the token between executions, and n8n stores the new one', async () => {
		const before = await storedCredential(PASSWORD_CREDENTIAL.id);
		expect(typeof before.token).toBe('string');
		expect(before.resolvedProjectId).toBe('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
		expect(server.expireTokens()).toBeGreaterThan(0);

		const items = await execute('e2eUrl000000001');

		expect(items.map((item) => item.json)).toEqual([CARD_OUTPUT_BEFORE_1_2]);
		expect(server.stats.tokenRequests).toBe(2);
		const after = await storedCredential(PASSWORD_CREDENTIAL.id);
		expect(after.token).not.toBe(before.token);
		expect(server.issuedTokens()).toContain(after.token);
	});

	it('gives the same items with an access key (AK/SK), looking the project up once', async () => {
		const lookups = server.stats.projectLookups;
		const items = await execute('e2eAccessKey001');
		expect(items.map((item) => item.json)).toEqual([CARD_OUTPUT_BEFORE_1_2]);
		expect(server.stats.ocrByAuth.accessKey).toBe(1);
		expect(server.stats.projectLookups).toBe(lookups + 1);

		await execute('e2eAccessKey001');
		expect(server.stats.projectLookups).toBe(lookups + 1);
		const stored = await storedCredential(ACCESS_KEY_CREDENTIAL.id);
		expect(stored.resolvedProjectId).toBe('0a1b2c3d4e5f60718293a4b5c6d7e8f9');
	});

	it('turns a Huawei error into an error item under Continue On Fail', async () => {
		const items = await execute('e2eContinue0001');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			error: 'Huawei OCR could not find a readable bank card in the image (AIS.0104)',
			error_code: 'AIS.0104',
			http_code: 400,
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});

/**
 * Several files on one item in a real n8n (the way an email trigger delivers an
 * email's attachments; here Read/Write Files, Sort and Aggregate put five files on one item), and
 * a workflow saved with `"binaryMode": "combined"`, which the 2.40 and 2.41 editors do not offer but
 * `n8n import:workflow` keeps: n8n then moves every stored file into the item's `_files`.
 */
describe('several files per item, and the combined binary mode (n8n 2.x)', () => {
	const email = () => join(folder, 'files', 'email');
	// Sorted file names, so Aggregate numbers them data, data_1, ... in attachment order.
	const onDisk = Object.values(EMAIL_FILES).map((file, index) => ({ ...file, path: `${index}-${file.fileName}` }));

	beforeAll(async () => {
		mkdirSync(email());
		for (const file of onDisk) writeFileSync(join(email(), file.path), file.bytes);
		await importWorkflows([
			ocrWorkflow('e2eFilesEmail01', { inputType: 'allFiles' }, PASSWORD_CREDENTIAL, { before: filesOnOneItem('e2eFilesEmail01', join(email(), '*')) }),
			ocrWorkflow('e2eFilesCombined', { inputType: 'binaryData', binaryPropertyName: 'data' }, PASSWORD_CREDENTIAL, {
				settings: { binaryMode: 'combined' },
				before: [
					{
						id: 'e2eFilesCombined-read',
						name: 'Read Card Image',
						type: 'n8n-nodes-base.readWriteFile',
						typeVersion: 1,
						parameters: { operation: 'read', fileSelector: join(folder, 'files', 'card.jpg') },
					},
				],
				// The next node finds the kept file where n8n's own nodes look in this mode.
				after: [
					{
						id: 'e2eFilesCombined-write',
						name: 'Write Kept File',
						type: 'n8n-nodes-base.readWriteFile',
						typeVersion: 1,
						parameters: { operation: 'write', dataPropertyName: '_files.data', fileName: join(folder, 'files', 'kept.jpg') },
					},
				],
			}),
		]);
	});

	it('reads the card photos among five files of one item: 3 calls, 3 results in file order, the rest listed', async () => {
		const calls = server.stats.ocrByAuth.token;
		receivedImages.length = 0;

		const items = await execute('e2eFilesEmail01');

		expect(server.stats.ocrByAuth.token - calls).toBe(3);
		const hex = (buffers: Buffer[]) => buffers.map((buffer) => buffer.toString('hex')).sort();
		expect(hex(receivedImages)).toEqual(hex(EMAIL_PHOTOS.map((photo) => photo.bytes)));
		expect(items.map((item) => [item.json.source_binary_field, item.json.source_file_name, item.json.source_pdf_page ?? null])).toEqual([
			['data', onDisk[0].path, null],
			['data_1', onDisk[1].path, null],
			['data_3', onDisk[3].path, 1],
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		const skipped = EMAIL_SKIPPED.map((entry, k) => ({ ...entry, binary_field: ['data_2', 'data_4'][k], file_name: [onDisk[2].path, onDisk[4].path][k] }));
		for (const item of items) {
			expect(item.json).toMatchObject({ bank_name: CARD_OUTPUT_BEFORE_1_2.bank_name, card_number: CARD_OUTPUT_BEFORE_1_2.card_number });
			expect(item.json.skipped_files).toEqual(skipped);
		}
		expect(items.map((item) => Object.keys(item.binary ?? {}))).toEqual([['data'], ['data_1'], ['data_3']]);
	});

	// n8n 1.x has no binary modes: the setting means nothing there.
	onN8n2('in a workflow saved with binaryMode "combined": the setting survives the import, the file comes and goes in _files', async () => {
		const exported = join(folder, 'export-combined.json');
		await n8nCli(node, ['export:workflow', '--id=e2eFilesCombined', `--output=${exported}`], env);
		const [saved] = ([] as Array<{ settings?: Record<string, unknown> }>).concat(readJson(exported));
		expect(saved.settings?.binaryMode).toBe('combined');

		const calls = server.stats.ocrByAuth.token;
		const runData = await runWorkflow('e2eFilesCombined');
		const items = outputOf(runData, 'Bankcard OCR');

		expect(server.stats.ocrByAuth.token - calls).toBe(1);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ ...CARD_OUTPUT_BEFORE_1_2, source_binary_field: 'data', source_file_name: 'card.jpg' });
		expect(items[0].binary).toBeUndefined();
		expect(items[0].json._files).toEqual({ data: expect.objectContaining({ fileName: 'card.jpg', id: expect.any(String) }) });
		// What n8n handed the node: the file already moved into the JSON.
		const input = outputOf(runData, 'Read Card Image');
		expect(input[0].binary).toBeUndefined();
		expect(Object.keys(input[0].json._files as object)).toEqual(['data']);
		expect(readFileSync(join(folder, 'files', 'kept.jpg'))).toEqual(readFileSync(join(folder, 'files', 'card.jpg')));
	});
});

/**
 * Issue 18 in a real n8n: a photo with two bank cards side by side, read with "Photo May Hold
 * Several Cards" through the stand-in's RecognizeAutoClassification, gives two items, in reading
 * order, each with where its card lies. The photo carries its documents (test/server/photoDocuments.ts).
 */
describe('several cards in one photo', () => {
	const cards = (file: string) => SAMPLES.find((sample) => sample.file === file)!.card;
	const ICBC = cards('icbc-unionpay-debit.png');
	const CMB = cards('cmb-visa-credit.png');
	// Huawei's order need not be the reading order: the right-hand card, lying a little higher, first.
	const PHOTO = withDocuments(makeJpeg(1920, 1280), [
		{ type: 'bankcard', location: boxCorners(990, 40, 856, 540), card: CMB },
		{ type: 'bankcard', location: boxCorners(60, 70, 856, 540), card: ICBC },
	]);

	beforeAll(async () => {
		writeFileSync(join(folder, 'files', 'two-cards.jpg'), PHOTO);
		await importWorkflows([
			ocrWorkflow(
				'e2eTwoCards0001',
				{ inputType: 'binaryData', binaryPropertyName: 'data', severalCardsPerPhoto: true, options: { cardNumberFormat: 'masked' } },
				PASSWORD_CREDENTIAL,
				{
					typeVersion: 1.2,
					before: [
						{
							id: 'e2eTwoCards0001-read',
							name: 'Read Photo',
							type: 'n8n-nodes-base.readWriteFile',
							typeVersion: 1,
							parameters: { operation: 'read', fileSelector: join(folder, 'files', 'two-cards.jpg') },
						},
					],
				},
			),
		]);
	});

	it('a photo with two bank cards gives two items, in reading order, each with its location, masked', async () => {
		const calls = server.stats.ocrByAuth.token;
		const items = await execute('e2eTwoCards0001');

		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				bank_name: ICBC.bank_name,
				card_number: '622202*********0128',
				card_network: 'UnionPay',
				card_location: [[60, 70], [916, 70], [916, 610], [60, 610]],
				card_index: 1,
				cards_in_photo: 2,
				source_file_name: 'two-cards.jpg',
			}),
			expect.objectContaining({
				bank_name: CMB.bank_name,
				card_number: '439225******5676',
				card_network: 'Visa',
				card_location: [[990, 40], [1846, 40], [1846, 580], [990, 580]],
				card_index: 2,
				cards_in_photo: 2,
				source_file_name: 'two-cards.jpg',
			}),
		]);
		const text = JSON.stringify(items);
		for (const card of [ICBC, CMB]) expect(text).not.toContain(card.card_number.replace(/\D/g, ''));
		// One paid call for the photo.
		expect(server.stats.ocrByAuth.token).toBe(calls + 1);
		// For README, "Several cards in one photo": the output as n8n gave it.
		mkdirSync(join(__dirname, '..', '..', 'e2e-output'), { recursive: true });
		writeFileSync(join(__dirname, '..', '..', 'e2e-output', 'two-cards.json'), JSON.stringify(items.map((item) => item.json), null, 2));
	});
});

/**
 * ID Card OCR in a real n8n: the front and the back of one card as two files of one item (read,
 * sorted and aggregated as an email's attachments) give one item holding both sides' fields,
 * the number masked by default, the node's own checks and the photo checks asked for; nothing in
 * the item holds the full number. The photos are the dev-mode specimens (test/server/samples).
 */
describe('ID Card OCR: the front and back of one card', () => {
	const pairFolder = () => join(folder, 'files', 'id-card');
	const FRONT = idCardSample('han-meimei-front.png').idCard.front!;
	const BACK = idCardSample('han-meimei-back.png').idCard.back!;

	beforeAll(async () => {
		mkdirSync(pairFolder());
		const files = idCardFiles();
		for (const file of ['han-meimei-front.png', 'han-meimei-back.png']) writeFileSync(join(pairFolder(), file), files.get(file)!);
		await importWorkflows([
			ocrWorkflow('e2eIdCardPair01', { inputType: 'allFiles', photoChecks: ['copy', 'glare'] }, PASSWORD_CREDENTIAL, {
				node: ID_CARD_NODE,
				before: filesOnOneItem('e2eIdCardPair01', join(pairFolder(), '*')),
			}),
		]);
	});

	it('gives one item with both sides, the number masked, the checks passed, and no full number anywhere', async () => {
		const calls = server.stats.ocrByAuth.token;
		const items = outputOf(await runWorkflow('e2eIdCardPair01'), ID_CARD_NODE.name);

		// One call per photo (the back file, sorted first, and the front).
		expect(server.stats.ocrByAuth.token - calls).toBe(2);
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toMatchObject({
			name: FRONT.name,
			sex: FRONT.sex,
			birth: FRONT.birth,
			ethnicity: FRONT.ethnicity,
			number: '**************0026',
			issue: BACK.issue,
			valid_from: BACK.valid_from,
			valid_to: BACK.valid_to,
			number_valid: true,
			birth_matches_number: true,
			sex_matches_number: true,
			age: ageInChina('1992-05-14'),
			is_expired: false,
			missing_fields: [],
			warnings: [],
		});
		expect(JSON.stringify(items)).not.toContain(FRONT.number);
		// For README, "ID Card OCR": the item as n8n gave it.
		mkdirSync(join(__dirname, '..', '..', 'e2e-output'), { recursive: true });
		writeFileSync(join(__dirname, '..', '..', 'e2e-output', 'id-card.json'), JSON.stringify(items.map((item) => item.json), null, 2));
	});
});

/**
 * What n8n stored for a user of v0.1.0 (test/e2e/fixtures/v0.1.0: exported with n8n's CLI from a
 * real n8n running that release): credentials with their sign-in (token, project, fingerprint)
 * and workflows. After an update, both must work as they are, without a new sign-in: the
 * credential's and node's names, field names, parameters and the stored fingerprint are part of
 * what users saved.
 */
describe('a credential and workflows saved with v0.1.0', () => {
	const fixtures = join(__dirname, 'fixtures', 'v0.1.0');
	// The endpoints stored in the exported credentials; the fingerprint covers them.
	const SAVED_PORT = 28563;

	it('run unchanged after the update, with the stored token and project, and no new sign-in', async () => {
		const saved = readJson<Array<{ id: string; data: Record<string, unknown> }>>(join(fixtures, 'credentials.json'));
		const expected = readJson<Record<string, Item[]>>(join(fixtures, 'outputs.json'));
		const huawei = await startHuaweiServer({ port: SAVED_PORT });
		try {
			// The token v0.1.0 stored, still valid at Huawei (as it is for about 24 hours).
			const password = saved.find((credential) => credential.data.authentication === 'password');
			huawei.acceptToken(String(password?.data.token));
			await n8nCli(node, ['import:credentials', `--input=${join(fixtures, 'credentials.json')}`], env);
			await n8nCli(node, ['import:workflow', `--input=${join(fixtures, 'workflows.json')}`], env);

			for (const [workflowId, items] of Object.entries(expected)) {
				expect(await execute(workflowId)).toEqual(items);
			}

			expect(huawei.stats.tokenRequests).toBe(0);
			expect(huawei.stats.projectLookups).toBe(0);
			expect(huawei.stats.ocrByAuth).toEqual({ token: 1, accessKey: 1 });
			for (const credential of saved) {
				const stored = await storedCredential(credential.id);
				expect(stored.token).toBe(credential.data.token);
				expect(stored.signInFingerprint).toBe(credential.data.signInFingerprint);
			}
		} finally {
			await huawei.close();
		}
	});
});
