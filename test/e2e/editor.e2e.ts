/**
 * The package in the n8n editor, in a real browser: a real n8n 2.x (scripts/n8nRuntime.ts) with
 * the built package installed as a community package, and Debian's Chromium driven by
 * playwright-core (test/e2e/browser.ts). Asserts that n8n's node loader serves our node and
 * credential with their icons, then, as a user would: signs in, finds "Bankcard OCR" in the node
 * panel by searching "bank card" and "Huawei", adds it, checks its parameters and options, and
 * opens the credential dialog in both authentication modes.
 *
 * Screenshots of every step go to e2e-output/editor/ (git-ignored); their paths are printed.
 * Needs `npm run build` first (`npm run test:e2e` does it).
 */
import type { ChildProcess } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import {
	OWNER,
	PROJECT_ROOT,
	ensureN8n,
	ensureNode24,
	freePort,
	n8nEnv,
	prepareUserFolder,
	setupOwner,
	startN8n,
	stopN8n,
} from '../../scripts/n8nRuntime';
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

const NODE_TYPE = 'n8n-nodes-huawei-ocr.bankcardOcr';
const CREDENTIAL_TYPE = 'huaweiOcrApi';
const OUTPUT_DIR = join(PROJECT_ROOT, 'e2e-output', 'editor');

interface IconUrl {
	light?: string;
	dark?: string;
}

let n8n: ChildProcess | undefined;
let userFolder: string | undefined;
let baseUrl: string;
let cookie: string;
let browser: BrowserSession | undefined;
const shots = new Screenshots(OUTPUT_DIR);

/**
 * The editor steps build on each other (one page, one workflow): once a step fails, the later
 * ones fail at once with a pointer to it instead of each waiting for its own timeout.
 */
let failedStep: string | undefined;
function step(name: string, body: () => Promise<void>, timeout = 120_000): void {
	test(
		name,
		async () => {
			if (failedStep) throw new Error(`not run: the earlier step "${failedStep}" failed`);
			try {
				await body();
			} catch (error) {
				failedStep = name;
				await saveFailure(name);
				throw error;
			}
		},
		timeout,
	);
}

/** On failure: a screenshot and the page's HTML next to the others, for whoever debugs it. */
async function saveFailure(name: string): Promise<void> {
	if (!browser) return;
	try {
		const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
		await shots.take(browser.page, `FAILED-${slug}`);
		const html = join(OUTPUT_DIR, `FAILED-${slug}.html`);
		writeFileSync(html, await browser.page.content());
		console.log(`page HTML at failure: ${html}`);
	} catch {
		// the browser itself may be gone
	}
}

function page() {
	if (!browser) throw new Error('the browser did not start');
	return browser.page;
}

async function get(path: string, withCookie = true): Promise<Response> {
	return await fetch(new URL(path, `${baseUrl}/`), { headers: withCookie ? { cookie } : {} });
}

beforeAll(async () => {
	// Chromium first: installing it (fresh machine) is independent of n8n and fails fast if not root.
	ensureChromium();
	const node24 = ensureNode24();
	ensureN8n(node24);
	userFolder = mkdtempSync(join(tmpdir(), 'n8n-editor-e2e-'));
	prepareUserFolder(userFolder, true);
	const port = await freePort();
	baseUrl = `http://127.0.0.1:${port}`;
	n8n = await startN8n(node24, n8nEnv(node24, userFolder, port));
	cookie = await setupOwner(port);
	browser = await launchChromium();
	browser.page.setDefaultTimeout(20_000);
	browser.page.setDefaultNavigationTimeout(60_000);
}, 15 * 60 * 1000);

afterAll(async () => {
	try {
		await browser?.close();
	} finally {
		try {
			if (n8n) await stopN8n(n8n);
		} finally {
			if (userFolder) rmSync(userFolder, { recursive: true, force: true });
		}
	}
	if (shots.taken.length) console.log(`screenshots (${shots.taken.length}):\n${shots.taken.join('\n')}`);
}, 60_000);

describe("n8n's node loader", () => {
	test('lists the Bankcard OCR node and the Huawei OCR API credential, and serves their SVG icons', async () => {
		// Only a signed-in user gets the lists.
		expect((await get('types/nodes.json', false)).status).toBe(401);

		const nodesResponse = await get('types/nodes.json');
		expect(nodesResponse.status).toBe(200);
		const nodes = (await nodesResponse.json()) as Array<{ name: string; displayName: string; iconUrl?: IconUrl }>;
		const node = nodes.find((n) => n.name === NODE_TYPE);
		expect(node).toMatchObject({ displayName: 'Bankcard OCR' });
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

describe('the n8n editor in Chromium', () => {
	step('signs in as the owner through the sign-in form', async () => {
		const p = page();
		await p.goto(`${baseUrl}/workflow/new`);
		// Not signed in yet: n8n sends the browser to its sign-in page.
		await expectVisible(p.getByTestId('signin-form'), 'the sign-in form', 60_000);
		await p.getByLabel('Email').fill(OWNER.email);
		await p.getByLabel('Password').fill(OWNER.password);
		await shots.take(p, 'sign-in');
		await p.getByTestId('form-submit-button').click();
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
	});
});
