/**
 * The package in the n8n editor, in a real browser, along the path a new user takes: dev mode
 * (scripts/devInstance.ts: a real n8n 2.x with the built package installed as a community
 * package, sample card photos in a folder n8n may read, the local Huawei stand-in and its
 * credential), then Debian's Chromium driven by playwright-core (test/e2e/browser.ts, steps in
 * editorActions.ts).
 *
 * Asserts that n8n's node loader serves our node and credential with their icons; then, as a
 * user following README's *Dev mode* steps as written: signs in (n8n 2.41 opens its Assistant
 * page; Overview lists the sample workflow), finds "Bankcard OCR" (and "ID Card OCR") in the node panel, checks its
 * parameters, options and credential dialog; builds a workflow from a sample file (Read/Write
 * Files from Disk -> Bankcard OCR), runs it and finds the card fields in the output panel; reads
 * the PDF scan sample; reads a sample by Image URL, and sees the stand-in's honest "no card found"
 * for a photo it does not know; runs the sample workflow of one email's attachments; imports
 * examples/ with the workflow's "..." menu and runs it as it is, through its form, down to the
 * spreadsheet it hands back; and builds README's AI Agent recipe with the local stand-in chat
 * model, chatting with it until it answers with the card.
 *
 * Screenshots of every step go to e2e-output/editor/ (git-ignored); their paths are printed.
 * Needs `npm run build` first (`npm run test:e2e` does it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { OWNER, PROJECT_ROOT, setupOwner } from '../../scripts/n8nRuntime';
import { TOOL_DESCRIPTION } from '../../nodes/HuaweiOcr/BankcardOcr/toolDescription';
import { DEFAULT_FILES_ACCESS, EXAMPLE_WORKFLOW, STAND_IN_CREDENTIAL, startDev, type DevInstance } from '../../scripts/devInstance';
import { BANKCARD_VERSIONS } from '../../nodes/HuaweiOcr/BankcardOcr/versions';
import { ID_CARD_VERSIONS } from '../../nodes/HuaweiOcr/IdCardOcr/versions';
import { makePdf } from '../helpers/images';
import { SAMPLES, SCAN_SAMPLE, sampleFiles } from '../server/samples/samples';
import { EMAIL_WORKFLOW } from '../../scripts/devSampleWorkflow';
import { OPENAI_CREDENTIAL } from './services/workflows';
import {
	Screenshots,
	ensureChromium,
	expectHidden,
	expectVisible,
	fieldLabel,
	launchChromium,
	visibleOption,
	type BrowserSession,
} from './browser';
import {
	addFirstNode,
	addNodeAtEnd,
	canvasNode,
	closeNode,
	executeWorkflow,
	fillParameter,
	importFromFile,
	newWorkflow,
	openNode,
	outputTab,
	outputText,
	pickFromNodePanel,
	waitForSuccess,
} from './editorActions';
import { sequentialSteps } from './services/steps';
import { ID_CARD_NODE } from './services/workflows';

const NODE_TYPE = 'n8n-nodes-huawei-ocr.bankcardOcr';
const CREDENTIAL_TYPE = 'huaweiOcrApi';
const OUTPUT_DIR = join(PROJECT_ROOT, 'e2e-output', 'editor');
const EXAMPLE_NODES = ['Upload card photos', 'Bankcard OCR', 'Spreadsheet row', 'Make CSV', 'Download the spreadsheet'];

interface IconUrl {
	light?: string;
	dark?: string;
}

let dev: DevInstance | undefined;
let folder: string | undefined;
let baseUrl: string;
let cookie: string;
let browser: BrowserSession | undefined;
const shots = new Screenshots(OUTPUT_DIR);

/** The editor steps build on each other (one page, one workflow): see services/steps.ts. */
const step = sequentialSteps(shots, () => browser?.page, 180_000);

function page() {
	if (!browser) throw new Error('the browser did not start');
	return browser.page;
}

function running(): DevInstance {
	if (!dev) throw new Error('dev mode did not start');
	return dev;
}

async function get(path: string, withCookie = true): Promise<Response> {
	const request = async () => await fetch(new URL(path, `${baseUrl}/`), { headers: withCookie ? { cookie } : {} });
	try {
		return await request();
	} catch {
		// A kept-alive connection n8n closed just then ("other side closed"): a GET may be sent again.
		return await request();
	}
}

beforeAll(async () => {
	// Chromium first: installing it (fresh machine) is independent of n8n and fails fast if not root.
	ensureChromium();
	folder = mkdtempSync(join(tmpdir(), 'n8n-editor-e2e-'));
	dev = await startDev({ userFolder: join(folder, 'user'), filesFolder: join(folder, 'files'), freshUserFolder: true });
	baseUrl = `http://127.0.0.1:${dev.port}`;
	cookie = await setupOwner(dev.port);
	browser = await launchChromium();
	browser.page.setDefaultTimeout(30_000);
	browser.page.setDefaultNavigationTimeout(120_000);
	// Leaving a workflow with unsaved changes asks "leave the page?": the test means to.
	browser.page.on('dialog', (dialog) => void dialog.accept());
}, 15 * 60 * 1000);

afterAll(async () => {
	try {
		await browser?.close();
	} finally {
		try {
			await dev?.stop();
		} finally {
			if (folder) rmSync(folder, { recursive: true, force: true });
		}
	}
	if (shots.taken.length) console.log(`screenshots (${shots.taken.length}):\n${shots.taken.join('\n')}`);
}, 60_000);

describe('dev mode', () => {
	test('puts the sample photos in a folder n8n may read, serves them for Image URL mode, and says so', async () => {
		const d = running();
		expect(d.samplesFolder).toBe(join(d.filesFolder, 'cards'));
		expect(d.allowedFolders.split(';')).toEqual(expect.arrayContaining([d.filesFolder, DEFAULT_FILES_ACCESS]));
		const files = sampleFiles();
		expect(d.samples.map((sample) => sample.file)).toEqual([...files.keys()]);
		for (const sample of d.samples) {
			expect(readFileSync(sample.path).equals(files.get(sample.file)!)).toBe(true);
			const served = await fetch(sample.url!);
			expect({ file: sample.file, status: served.status, type: served.headers.get('content-type') }).toEqual({
				file: sample.file,
				status: 200,
				type: 'image/png',
			});
			expect(Buffer.from(await served.arrayBuffer()).equals(files.get(sample.file)!)).toBe(true);
		}
		const banner = d.banner();
		console.log(banner);
		expect(banner).toContain(d.url);
		expect(banner).toContain(`${d.samplesFolder}: card photos, one card per file`);
		expect(banner).toContain(`File(s) Selector: ${join(d.samplesFolder, '*.png')}`);
		expect(banner).toContain(d.samples[0].url);
		expect(banner).toContain(STAND_IN_CREDENTIAL.name);
		expect(banner).toContain("the workflow's ... menu > Import > From file");
		// The other sample folders, the stand-in's honesty about other photos, the chat model.
		expect(d.folders.map((folder) => [folder.folder, folder.path])).toEqual([
			['cards', d.samplesFolder],
			['scans', join(d.filesFolder, 'scans')],
			['email', join(d.filesFolder, 'email')],
			['id-cards', join(d.filesFolder, 'id-cards')],
		]);
		expect(banner).toContain(`${join(d.filesFolder, 'id-cards')}: specimen ID card photos`);
		expect(readFileSync(join(d.filesFolder, 'id-cards', 'han-meimei-front.png')).subarray(1, 4).toString('latin1')).toBe('PNG');
		expect(readFileSync(join(d.filesFolder, 'scans', SCAN_SAMPLE.file)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(banner).toContain(`${join(d.filesFolder, 'email')}: one email's attachments`);
		expect(banner).toContain('Any other photo is answered "no bank card found" (AIS.0104)');
		expect(banner).toContain(`Stand-in chat model at ${d.chatModel!.baseUrl}; the credential "${OPENAI_CREDENTIAL.name}" points at it.`);
		expect(banner).toContain(`(its task broker uses port ${d.port + 1})`);
	});
});

describe("n8n's node loader", () => {
	test('lists the Bankcard OCR node and the Huawei OCR API credential, and serves their SVG icons', async () => {
		// Only a signed-in user gets the lists.
		expect((await get('types/nodes.json', false)).status).toBe(401);

		const nodesResponse = await get('types/nodes.json');
		expect(nodesResponse.status).toBe(200);
		const nodes = (await nodesResponse.json()) as Array<{ name: string; displayName: string; version: number | number[]; iconUrl?: IconUrl }>;
		const node = nodes.find((n) => n.name === NODE_TYPE);
		expect(node).toMatchObject({ displayName: 'Bankcard OCR', version: BANKCARD_VERSIONS });
		expect(node?.iconUrl?.light).toMatch(/bankcardOcr\.svg$/);
		expect(node?.iconUrl?.dark).toMatch(/bankcardOcr\.dark\.svg$/);

		const credentialsResponse = await get('types/credentials.json');
		expect(credentialsResponse.status).toBe(200);
		const credentials = (await credentialsResponse.json()) as Array<{ name: string; displayName: string; iconUrl?: IconUrl }>;
		const credential = credentials.find((c) => c.name === CREDENTIAL_TYPE);
		expect(credential).toMatchObject({ displayName: 'Huawei OCR API' });
		expect(credential?.iconUrl?.light).toMatch(/huaweiOcr\.svg$/);
		expect(credential?.iconUrl?.dark).toMatch(/huaweiOcr\.dark\.svg$/);

		// Icon URLs are relative to n8n's base URL ("icons/<package>/dist/...").
		const icons = [node!.iconUrl!.light!, node!.iconUrl!.dark!, credential!.iconUrl!.light!, credential!.iconUrl!.dark!];
		for (const icon of icons) {
			const response = await get(icon);
			expect({ icon, status: response.status }).toEqual({ icon, status: 200 });
			expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
			expect(await response.text()).toMatch(/<svg[\s>]/);
		}
	});
});

describe("n8n's node loader, beside it", () => {
	test('lists ID Card OCR on the same credential, and serves its SVG icons', async () => {
		const nodes = (await (await get('types/nodes.json')).json()) as Array<{ name: string; displayName: string; version: number | number[]; iconUrl?: IconUrl; credentials?: Array<{ name: string }> }>;
		const node = nodes.find((n) => n.name === ID_CARD_NODE.type);
		expect(node).toMatchObject({ displayName: ID_CARD_NODE.name, version: ID_CARD_VERSIONS, credentials: [expect.objectContaining({ name: CREDENTIAL_TYPE })] });
		for (const icon of [node?.iconUrl?.light, node?.iconUrl?.dark]) {
			expect(icon).toMatch(/idCardOcr(\.dark)?\.svg$/);
			const response = await get(icon!);
			expect({ icon, status: response.status, type: response.headers.get('content-type') }).toEqual({ icon, status: 200, type: expect.stringMatching(/^image\/svg\+xml/) });
		}
	});
});

describe('the n8n editor in Chromium', () => {
	step("signs in as README says: n8n opens its Assistant page; Overview lists the sample workflow; Create workflow", async () => {
		const p = page();
		await p.goto(`${baseUrl}/`);
		await expectVisible(p.getByTestId('signin-form'), 'the sign-in form', 60_000);
		await shots.take(p, 'sign-in');
		await p.getByLabel('Email').fill(OWNER.email);
		await p.getByLabel('Password').fill(OWNER.password);
		await p.getByTestId('form-submit-button').click();
		await p.waitForURL(/\/assistant/, { timeout: 60_000 });
		await expectVisible(p.getByText('Build and debug faster with the n8n Assistant'), "n8n's Assistant page after sign-in", 60_000);
		await shots.take(p, 'after-sign-in-assistant');
		// The house in the left bar.
		const overview = p.getByTestId('project-home-menu-item');
		await expect(overview.getByTestId('menu-item').getAttribute('aria-label')).resolves.toBe('Overview');
		await overview.click();
		await p.waitForURL(/\/home/, { timeout: 60_000 });
		await expectVisible(p.getByTestId('workflow-card-name').filter({ hasText: EMAIL_WORKFLOW.name }), 'the sample workflow in Overview');
		await shots.take(p, 'overview');
		await p.getByRole('button', { name: 'Create workflow' }).first().click();
		await p.waitForURL(/\/workflow\//, { timeout: 60_000 });
		await expectVisible(p.getByTestId('canvas-plus-button'), 'the empty canvas with "Add first step"', 60_000);
		await shots.take(p, 'new-workflow');
	});

	step('the node panel offers Bankcard OCR for "bank card" and for "Huawei"', async () => {
		const p = page();
		await p.getByTestId('canvas-plus-button').click(); // "Add first step..."
		const search = p.getByTestId('node-creator-search-bar');
		await expectVisible(search, 'the node panel search');

		const results = p.getByTestId('node-creator-item-name');
		for (const [query, shot] of [
			['bank card', 'search-bank-card'],
			['Huawei', 'search-huawei'],
		]) {
			await search.fill(query);
			await expectVisible(results.filter({ hasText: /^Bankcard OCR$/ }), `"Bankcard OCR" among the results for "${query}"`);
			// Its own icon (the SVG n8n serves for the package), not a placeholder.
			const item = p.getByTestId('node-creator-node-item').filter({ hasText: 'Bankcard OCR' });
			const icon = item.locator('img[src*="bankcardOcr"]');
			await expectVisible(icon, `the Bankcard OCR icon in the results for "${query}"`);
			const loaded = await icon.first().evaluate((img) => {
				const image = img as unknown as { complete: boolean; naturalWidth: number };
				return image.complete && image.naturalWidth > 0;
			});
			expect({ query, iconLoaded: loaded }).toEqual({ query, iconLoaded: true });
			await shots.take(p, shot);
		}
	});

	step('the node panel offers ID Card OCR for "ID card" and, beside Bankcard OCR, for "Huawei"', async () => {
		const p = page();
		const search = p.getByTestId('node-creator-search-bar');
		const results = p.getByTestId('node-creator-item-name');
		for (const [query, nodes] of [
			['ID card', ['ID Card OCR']],
			['Huawei', ['ID Card OCR', 'Bankcard OCR']],
		] as const) {
			await search.fill(query);
			for (const name of nodes) await expectVisible(results.filter({ hasText: new RegExp(`^${name}$`) }), `"${name}" among the results for "${query}"`);
		}
		await shots.take(p, 'search-id-card');
		// Where the next step expects the panel: the bank card results.
		await search.fill('bank card');
		await expectVisible(results.filter({ hasText: /^Bankcard OCR$/ }), '"Bankcard OCR" among the results for "bank card"');
	});

	step('adds Bankcard OCR and shows its parameters', async () => {
		const p = page();
		await p.getByTestId('node-creator-item-name').filter({ hasText: /^Bankcard OCR$/ }).click();
		// n8n 2.x shows community nodes' details first, with "Add to workflow"; on an empty canvas
		// it then adds a manual trigger in front of the node by itself.
		const addToWorkflow = p.getByRole('button', { name: 'Add to workflow' });
		const ndv = p.getByTestId('ndv');
		await expectVisible(addToWorkflow.or(ndv), 'the node details or the node parameters');
		if (await addToWorkflow.isVisible()) {
			await shots.take(p, 'node-details');
			await addToWorkflow.click();
		}
		await expectVisible(ndv, 'the node view (NDV) of Bankcard OCR', 30_000);
		await expectVisible(ndv.getByTestId('node-title-container').filter({ hasText: 'Bankcard OCR' }), 'the NDV title "Bankcard OCR"');

		const parameters = p.getByTestId('node-parameters');
		await expectVisible(fieldLabel(parameters, 'Input Type'), 'the "Input Type" field');
		await expectVisible(fieldLabel(parameters, 'Input Binary Field'), 'the "Input Binary Field" field');
		await expect(parameters.getByTestId('parameter-input-binaryPropertyName').locator('input').inputValue()).resolves.toBe('data');
		await expectVisible(fieldLabel(parameters, 'Options'), 'the "Options" collection');
		// A node added now masks the card number; the panel says how to get the full one, and why.
		await expectVisible(parameters.getByText(/^Card numbers come out masked .*Card Number Format.*everyone with access to this workflow/).first(), 'the notice about masked card numbers');
		await expectVisible(p.getByTestId('node-credentials-slot'), 'the credential slot');
		await shots.take(p, 'parameters-binary');
	});

	step('Input Type "Image URL" shows the "Image URL" field, and "Add option" lists the options', async () => {
		const p = page();
		const parameters = p.getByTestId('node-parameters');
		await parameters.getByTestId('parameter-input-inputType').click();
		await visibleOption(p, 'Image URL').click();
		await expectHidden(visibleOption(p, 'Image URL'), 'the Input Type dropdown after choosing');
		await expectVisible(fieldLabel(parameters, 'Image URL'), 'the "Image URL" field');
		await expectVisible(parameters.getByTestId('parameter-input-imageUrl'), 'the Image URL input');
		await expectHidden(fieldLabel(parameters, 'Input Binary Field'), 'the "Input Binary Field" field in URL mode');
		await shots.take(p, 'parameters-image-url');

		await parameters.getByTestId('collection-parameter-add').click(); // "Add option"
		const options = p.getByTestId('collection-parameter-option').filter({ visible: true });
		await expectVisible(options.filter({ hasText: /^Card Number Format$/ }), '"Card Number Format" in "Add option"');
		const listed = (await options.allInnerTexts()).map((text) => text.trim());
		expect(listed).toEqual(expect.arrayContaining(['Card Number Format', 'Confidence Threshold', 'Return Text Location']));
		await shots.take(p, 'add-option');

		// Picking an option adds its field to the node.
		await options.filter({ hasText: /^Card Number Format$/ }).click();
		await expectHidden(options, 'the "Add option" dropdown after choosing');
		await expectVisible(fieldLabel(parameters, 'Card Number Format'), 'the added "Card Number Format" option');
		await shots.take(p, 'option-card-number-format');
	});

	step('the credential dialog has the password fields, and Access Key (AK/SK) shows the key fields', async () => {
		const p = page();
		// Without any saved credential n8n shows a "Connect to ..." button instead of the select;
		// with one, the select offers "Create new credential". Either opens the same dialog.
		const emptyState = p.getByTestId('node-credentials-empty-state');
		const select = p.getByTestId('node-credentials-select');
		await expectVisible(emptyState.or(select), 'the credential button or select');
		if (await emptyState.isVisible()) {
			await emptyState.click();
		} else {
			await select.click();
			await p.getByText('Create new credential').click();
		}
		const dialog = p.getByTestId('editCredential-modal');
		await expectVisible(dialog, 'the credential dialog', 30_000);
		await expectVisible(dialog.getByText('Huawei OCR API'), 'the credential type name in the dialog');

		for (const label of ['Authentication', 'Region', 'IAM User Name', 'Password', 'Account Name']) {
			await expectVisible(fieldLabel(dialog, label), `the "${label}" field`);
		}
		await expectVisible(dialog.getByTestId('parameter-input-authentication'), 'the Authentication selector');
		// Empty, and its placeholder reads as advice, not as a value that looks filled in.
		const project = dialog.getByTestId('parameter-input-project').locator('input');
		await expectVisible(project, 'the Project field');
		await expect(project.inputValue()).resolves.toBe('');
		await expect(project.getAttribute('placeholder')).resolves.toBe("Leave empty for the region's default project");
		await expect(dialog.getByTestId('parameter-input-authentication').locator('input').inputValue()).resolves.toBe('IAM User Password');
		await shots.take(p, 'credential-password');

		await dialog.getByTestId('parameter-input-authentication').click();
		await visibleOption(p, 'Access Key (AK/SK)').click();
		await expectHidden(visibleOption(p, 'Access Key (AK/SK)'), 'the Authentication dropdown after choosing');
		await expectVisible(fieldLabel(dialog, 'Access Key ID'), 'the "Access Key ID" field');
		await expectVisible(fieldLabel(dialog, 'Secret Access Key'), 'the "Secret Access Key" field');
		await expect(dialog.getByTestId('parameter-input-authentication').locator('input').inputValue()).resolves.toBe('Access Key (AK/SK)');
		await expectHidden(fieldLabel(dialog, 'IAM User Name'), 'the "IAM User Name" field in AK/SK mode');
		await shots.take(p, 'credential-access-key');
		// The first Escape can go to the Authentication select that still has the focus; an edited
		// credential may also ask whether to close without saving.
		for (let attempt = 0; attempt < 3 && (await dialog.first().isVisible()); attempt++) {
			const closeButton = dialog.first().getByLabel('Close this dialog');
			if (attempt === 1 && (await closeButton.first().isVisible().catch(() => false))) await closeButton.first().click();
			else await p.keyboard.press('Escape');
			await p.waitForTimeout(1000);
			const discard = p.getByRole('button', { name: /close without saving|discard|leave without saving/i });
			if (await discard.first().isVisible().catch(() => false)) await discard.first().click();
		}
		await expectHidden(dialog, 'the credential dialog after Escape');
	});

	step('builds a workflow from a sample file: Read/Write Files from Disk, then Bankcard OCR', async () => {
		const p = page();
		const d = running();
		await newWorkflow(p, baseUrl);
		await addFirstNode(p, 'Read/Write Files', 'Read/Write Files from Disk', 'Read File(s) From Disk');

		// A photo outside the folders n8n may read: n8n 2.x refuses it, as the README warns.
		const outside = join(folder!, 'outside.png');
		writeFileSync(outside, readFileSync(d.samples[0].path));
		await fillParameter(p, 'fileSelector', outside);
		await p.getByTestId('node-execute-button').click();
		await expectVisible(p.getByTestId('ndv').getByText(/Access to the file is not allowed/).first(), 'n8n refusing a file outside the allowed folders', 60_000);
		await shots.take(p, 'read-file-outside-allowed-folder');

		await fillParameter(p, 'fileSelector', d.samples[0].path);
		await p.getByTestId('node-execute-button').click();
		await expectVisible(p.getByTestId('output-panel').getByText(d.samples[0].file).first(), 'the sample file read by n8n', 60_000);
		await shots.take(p, 'read-sample-file');
		await closeNode(p);

		await addNodeAtEnd(p, 'bank card', 'Bankcard OCR');
		// With one credential of its type saved, n8n picks it by itself.
		const credential = p.getByTestId('node-credentials-select').locator('input');
		await expectVisible(credential, 'the credential select');
		await expect(credential.inputValue()).resolves.toBe(STAND_IN_CREDENTIAL.name);
		await shots.take(p, 'bankcard-ocr-after-read-file');
		await closeNode(p);
	});

	step('runs it from the editor: the output panel opens on the card fields, not on the photo', async () => {
		const p = page();
		await executeWorkflow(p, ['Read/Write Files from Disk', 'Bankcard OCR']);
		await shots.take(p, 'sample-workflow-run');
		await openNode(p, 'Bankcard OCR');
		expect(await outputTab(p)).toBe('Schema');
		const text = await outputText(p);
		// Masked: a node added now (version 1.3) keeps the full number out of the execution log.
		for (const shown of ['bank_name', '中国工商银行', '622202*********0128', 'UnionPay', '12/28', 'card_number_valid']) {
			expect({ shown, inPanel: text.includes(shown) }).toEqual({ shown, inPanel: true });
		}
		expect(text).not.toContain('6222 0212 3456 7890 128');
		await shots.take(p, 'output-card-fields');
	});

	step('reads the PDF scan sample: the card, with the file and its page', async () => {
		const p = page();
		const d = running();
		const scan = join(d.folders.find((folder) => folder.folder === 'scans')!.path, SCAN_SAMPLE.file);
		await closeNode(p);
		await openNode(p, 'Read/Write Files from Disk');
		await fillParameter(p, 'fileSelector', scan);
		await closeNode(p);
		await executeWorkflow(p, ['Read/Write Files from Disk', 'Bankcard OCR']);
		await openNode(p, 'Bankcard OCR');
		const text = await outputText(p);
		for (const shown of ['中国工商银行', '622202*********0128', 'source_pdf_page', SCAN_SAMPLE.file, 'UnionPay']) {
			expect({ shown, inPanel: text.includes(shown) }).toEqual({ shown, inPanel: true });
		}
		expect(text).not.toContain('6222 0212 3456 7890 128');
		await shots.take(p, 'pdf-scan-sample');
		// Back to the photo, for the steps after this one.
		await closeNode(p);
		await openNode(p, 'Read/Write Files from Disk');
		await fillParameter(p, 'fileSelector', d.samples[0].path);
		await closeNode(p);
		await openNode(p, 'Bankcard OCR');
	});

	step('Image URL mode reads a sample the stand-in serves, with that card; a photo it does not know is "no card found"', async () => {
		const p = page();
		const sample = running().samples.find((s) => s.file === 'cmb-visa-credit.png')!;
		const parameters = p.getByTestId('node-parameters');
		await parameters.getByTestId('parameter-input-inputType').click();
		await visibleOption(p, 'Image URL').click();
		// Not a card the stand-in knows: it says so, instead of making one up.
		await fillParameter(p, 'imageUrl', 'https://example.com/my-own-card.jpg');
		await p.getByTestId('node-execute-button').click();
		const ndv = p.getByTestId('ndv');
		await expectVisible(ndv.getByText(/could not find a readable bank card in the image \(AIS\.0104\)/).first(), 'the "no card found" error', 60_000);
		await expectVisible(ndv.getByText(/knows only its own sample photos and photos tagged with a card/).first(), "the stand-in's reason, in the error's details");
		await shots.take(p, 'image-url-unknown-photo');
		await fillParameter(p, 'imageUrl', sample.url!);
		await p.getByTestId('node-execute-button').click();
		await expectVisible(p.getByTestId('output-panel').getByText('招商银行').first(), 'the card of the URL sample', 60_000);
		const text = await outputText(p);
		for (const shown of ['439225******5676', 'Visa', 'credit', '03/29']) {
			expect({ shown, inPanel: text.includes(shown) }).toEqual({ shown, inPanel: true });
		}
		await shots.take(p, 'image-url-sample');
	});

	step('with Keep Input Binary added, n8n opens the Binary tab instead: why it is off unless added', async () => {
		const p = page();
		const parameters = p.getByTestId('node-parameters');
		// Back to the file from disk: the option passes on the file a result was read from.
		await parameters.getByTestId('parameter-input-inputType').click();
		await visibleOption(p, 'Binary File').click();
		await expectHidden(visibleOption(p, 'Binary File'), 'the Input Type dropdown after choosing');
		await parameters.getByTestId('collection-parameter-add').click();
		await p.getByTestId('collection-parameter-option').filter({ visible: true }).filter({ hasText: /^Keep Input Binary$/ }).click();
		await expectVisible(fieldLabel(parameters, 'Keep Input Binary'), 'the added "Keep Input Binary" option');
		await p.getByTestId('node-execute-button').click();
		await expectVisible(p.getByTestId('output-panel').getByTestId('radio-button-binary'), 'the Binary tab in the output panel', 60_000);
		await closeNode(p);
		await openNode(p, 'Bankcard OCR');
		expect(await outputTab(p)).toBe('Binary');
		await shots.take(p, 'output-binary-tab-with-keep-input-binary');
		await closeNode(p);
	});

	step('imports examples/ with the workflow\'s "..." menu > Import > From file; n8n picks the credential', async () => {
		const p = page();
		await newWorkflow(p, baseUrl);
		await importFromFile(p, EXAMPLE_WORKFLOW);
		for (const name of EXAMPLE_NODES) {
			await expectVisible(canvasNode(p, name), `the example's node "${name}"`, 30_000);
		}
		await expectVisible(p.getByText('Credentials auto-added'), "n8n's note that it picked the credential");
		await shots.take(p, 'example-imported');
	});

	step('runs the example as it is: its form takes the photos and hands back the spreadsheet', async () => {
		const p = page();
		const d = running();
		const [form] = await Promise.all([browser!.context.waitForEvent('page', { timeout: 60_000 }), p.getByTestId('execute-workflow-button').click()]);
		await form.waitForLoadState();
		const photos = form.locator('input[type=file]');
		await expectVisible(photos, 'the form\'s file field', 60_000);
		await shots.take(form, 'example-form');

		// Without a photo the form does not go anywhere: the field is required, and says so.
		const submit = form.getByRole('button', { name: 'Read the cards' });
		await submit.click();
		await expectVisible(form.getByText('This field is required'), 'the form saying a photo is required');
		expect(form.url()).toContain('/form-test/');
		await shots.take(form, 'example-form-without-photos');

		// Every sample, and a PDF without a photo named like one: left out, and named on the last page.
		const picked = d.samples.map((sample) => ({ name: sample.file, mimeType: 'image/png', buffer: readFileSync(sample.path) }));
		await photos.setInputFiles([...picked, { name: 'scan.png', mimeType: 'image/png', buffer: makePdf() }]);
		const downloading = form.waitForEvent('download', { timeout: 180_000 });
		await submit.click();
		const download = await downloading;
		expect(download.suggestedFilename()).toBe('bank-cards.csv');
		const saved = join(folder!, 'bank-cards.csv');
		await download.saveAs(saved);
		await expectVisible(form.getByText('Your spreadsheet is ready'), 'the form\'s last page', 60_000);
		await expectVisible(form.getByText(/Not card photos, left out: scan\.png\./), 'the file left out, named on the last page');
		await shots.take(form, 'example-form-done');

		const [header, ...rows] = readFileSync(saved, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
		expect(header).toBe('Photo,Bank,Card number,Network,Type,Expires,Expired,Needs review,Unsure fields,Not found');
		const row = (photo: string) => rows.filter((line) => line.startsWith(`${photo},`));
		expect(rows).toHaveLength(d.samples.length);
		// A card that prints no issue date needs no review: it is only listed under Not found.
		expect(row('icbc-unionpay-debit.png')[0]).toMatch(/^icbc-unionpay-debit\.png,中国工商银行,622202\*{9}0128,UnionPay,debit,12\/28,false,no,,issue_date$/);
		expect(row('cmb-visa-credit.png')[0]).toMatch(/^cmb-visa-credit\.png,招商银行,439225\*{6}5676,Visa,credit,03\/29,(true|false),no,,$/);
		expect(row('boc-mastercard-credit.png')[0]).toMatch(/,中国银行,540987\*{6}7899,Mastercard,credit,09\/27,(true|false),no,,$/);
		expect(row('ccb-unionpay-expired.png')[0]).toMatch(/,中国建设银行,621700\*{9}8907,UnionPay,debit,06\/22,true,no,,issue_date$/);
		expect(row('abc-glare-low-confidence.png')[0]).toMatch(/,中国农业银行,622848\*{9}8911,UnionPay,debit,10\/30,false,yes,"card_number, expiry_date",issue_date$/);
		expect(row('scan.png')).toEqual([]);
		// Masked everywhere: no full card number reaches the spreadsheet.
		const digits = readFileSync(saved, 'utf8').replace(/\D/g, '');
		for (const sample of SAMPLES) expect(digits).not.toContain(sample.card.card_number.replace(/\D/g, ''));

		await waitForSuccess(p, EXAMPLE_NODES);
		await form.close();
		await shots.take(p, 'example-run');
		await openNode(p, 'Bankcard OCR');
		expect(await outputTab(p)).not.toBe('Binary');
		expect(await outputText(p)).toContain('中国工商银行');
		await expectVisible(p.getByTestId('output-panel').getByText(`${d.samples.length} items`), 'one output item per card photo');
		await shots.take(p, 'example-bankcard-ocr-output');
		await closeNode(p);
	});

	step('runs the sample workflow of one email\'s attachments: three cards read, the logo and the invite left out', async () => {
		const p = page();
		await p.goto(`${baseUrl}/workflow/${EMAIL_WORKFLOW.id}`);
		const nodes = ["When clicking 'Execute workflow'", 'Read the attachments', 'One email, its files attached', 'Bankcard OCR'];
		await expectVisible(canvasNode(p, 'Bankcard OCR'), 'the sample workflow', 60_000);
		await executeWorkflow(p, nodes);
		await openNode(p, 'Bankcard OCR');
		await expectVisible(p.getByTestId('output-panel').getByText('3 items'), 'one item per card read');
		// The Schema tab describes the first item only; the Table tab shows each.
		const output = p.getByTestId('output-panel');
		await output.getByTestId('ndv-run-data-display-mode').getByRole('radio', { name: 'Table' }).click();
		for (const bank of ['招商银行', '中国银行', '中国工商银行']) {
			await expectVisible(output.getByRole('table').getByText(bank, { exact: true }), `the card of ${bank} in the Table tab`);
		}
		const text = await outputText(p);
		for (const shown of ['skipped_files', 'logo.png', 'invite.ics', 'source_pdf_page']) {
			expect({ shown, inPanel: text.includes(shown) }).toEqual({ shown, inPanel: true });
		}
		await shots.take(p, 'email-sample-workflow');
		await closeNode(p);
	});

	step("README's AI Agent recipe with the local chat model: the agent has Bankcard OCR read the card and answers with it", async () => {
		const p = page();
		const d = running();
		const sample = d.samples.find((s) => s.file === 'cmb-visa-credit.png')!;
		await newWorkflow(p, baseUrl);
		// Add first step > AI Agent: n8n puts a "When chat message received" trigger in front of it.
		await addFirstNode(p, 'AI Agent', 'AI Agent');
		// + under Chat Model > OpenAI Chat Model: dev mode's credential is the only one, so picked.
		await p.getByTestId('add-subnode-ai_languageModel-0').click();
		await pickFromNodePanel(p, 'OpenAI Chat Model', 'OpenAI Chat Model');
		const credential = p.getByTestId('node-credentials-select').locator('input');
		await expectVisible(credential, 'the OpenAI credential select');
		await expect(credential.inputValue()).resolves.toBe(OPENAI_CREDENTIAL.name);
		// A new node has "Use Responses API" on: the stand-in speaks it, so it stays on.
		await expect(p.getByTestId('parameter-input-responsesApiEnabled').getByRole('switch').first().isChecked()).resolves.toBe(true);
		await shots.take(p, 'agent-chat-model');
		await closeNode(p);

		// The recipe: + under Tool, Bankcard OCR, Input Type "Image URL", the URL left to the model.
		await canvasNode(p, 'AI Agent').getByTestId('canvas-node-input-handle').filter({ hasText: 'Tool' }).getByTestId('canvas-handle-plus').click();
		// n8n lists the node as a tool under the name README gives: "Bankcard OCR Tool".
		await pickFromNodePanel(p, 'Bankcard OCR', 'Bankcard OCR Tool');
		const parameters = p.getByTestId('node-parameters');
		await parameters.getByTestId('parameter-input-inputType').click();
		await visibleOption(p, 'Image URL').click();
		await p.getByTestId('ndv').getByTestId('from-ai-override-button').first().click();
		await expectVisible(parameters.getByText('Defined automatically by the model'), 'Image URL "Defined automatically by the model"');
		await expect(parameters.getByTestId('parameter-input-toolDescription').locator('textarea').first().inputValue()).resolves.toBe(TOOL_DESCRIPTION);
		await shots.take(p, 'agent-tool');
		await closeNode(p);

		// Chat with the agent.
		d.chatModel!.requests.length = 0;
		await p.getByTestId('workflow-chat-button').click();
		const chat = p.getByTestId('canvas-chat');
		const input = chat.locator('textarea').first();
		await expectVisible(input, 'the chat input');
		await input.fill(`Read the card at ${sample.url!}`);
		await input.press('Enter');
		const answer = 'The card is a Visa credit card from 招商银行, number 439225******5676, valid until 03/29.';
		await expectVisible(chat.getByText(answer), "the agent's answer in the chat", 120_000);
		expect(d.chatModel!.requests.map((request) => request.api)).toEqual(['responses', 'responses']);
		await shots.take(p, 'agent-chat-answer');
	});
});

