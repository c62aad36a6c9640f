/**
 * The ways users install the package, end to end, with nothing linked or copied by us:
 *
 * 1. `npm pack` + `npm publish` to a local npm registry (verdaccio, test/e2e/services/registry.ts).
 * 2. A real n8n 2.x whose N8N_COMMUNITY_PACKAGES_REGISTRY points at that registry installs the
 *    package through its editor (Settings > Community Nodes > Install, in headless Chromium), and
 *    the installed node runs a workflow from the editor against the local Huawei stand-in.
 * 3. A newer version is published and updated through the editor; the credential and workflow
 *    saved before keep working (the stored sign-in included).
 * 4. README's `npm install` in ~/.n8n/nodes for self-hosters, then a restart: n8n loads the
 *    package and runs a workflow with it.
 *
 * n8n 2.x allows a registry other than registry.npmjs.org only under an enterprise licence
 * (feature feat:communityNodes:customRegistry). n8n's own end-to-end switch (E2E_TESTS=true)
 * lets a test turn that one licence feature on (the editor then shows an "E2E MODE" marker);
 * everything else is n8n as users run it. `npm outdated`, which n8n runs to offer updates, reads
 * npm's own registry setting, so the n8n process also gets npm_config_registry.
 *
 * Screenshots of every step go to e2e-output/install/ (git-ignored).
 */
import { execFile, type ChildProcess } from 'child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import { join } from 'path';

import {
	N8N_VERSION,
	OWNER,
	PROJECT_ROOT,
	TOOLS_DIR,
	ensureN8n,
	ensureNode24,
	freePort,
	n8nCli,
	n8nEnv,
	readJson,
	setupOwner,
	startN8n,
	stopN8n,
} from '../../scripts/n8nRuntime';
import { packProject, projectPackageJson, type PackedPackage } from '../../scripts/packPackage';
import { CARD_OUTPUT_BEFORE_1_2 } from '../helpers/fixtures';
import { startHuaweiServer, type HuaweiServer } from '../server/huaweiServer';
import { Screenshots, ensureChromium, expectVisible, launchChromium, type BrowserSession } from './browser';
import { startRegistry, type Registry } from './services/registry';
import { sequentialSteps } from './services/steps';
import {
	CREDENTIAL_TYPE,
	ID_CARD_NODE,
	NODE_TYPE,
	PASSWORD_CREDENTIAL,
	credentialData,
	credentialsForImport,
	ocrItemsFromRawOutput,
	ocrWorkflow,
} from './services/workflows';

const PACKAGE = 'n8n-nodes-huawei-ocr';
const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';
const OUTPUT_DIR = join(PROJECT_ROOT, 'e2e-output', 'install');
const CARD_URL = 'https://example.com/card.jpg';

const version = projectPackageJson().version;
/** The "newer version" published for the update: the next patch release. */
const nextVersion = version.replace(/\d+$/, (patch) => String(Number(patch) + 1));

let node24: string;
let huawei: HuaweiServer;
let registry: Registry | undefined;
let packed: PackedPackage;
let n8n: ChildProcess | undefined;
let baseUrl: string;
let cookie: string;
let browser: BrowserSession | undefined;
const folders: string[] = [];
const shots = new Screenshots(OUTPUT_DIR);
const step = sequentialSteps(shots, () => browser?.page);

/** The editor install's n8n: its user folder, credential id and workflow id, once created. */
const editorInstance = { folder: '', credentialId: '', workflowId: '' };

function newFolder(prefix: string): string {
	const folder = mkdtempSync(join(tmpdir(), prefix));
	folders.push(folder);
	return folder;
}

/** Starts n8n on this user folder, set up to install from the local registry, and signs in. */
async function startInstance(folder: string): Promise<void> {
	const port = await freePort();
	baseUrl = `http://127.0.0.1:${port}`;
	const env = n8nEnv(node24, folder, port, {
		E2E_TESTS: 'true',
		N8N_COMMUNITY_PACKAGES_REGISTRY: registry!.url,
		npm_config_registry: `${registry!.url}/`,
		npm_config_cache: join(folder, 'npm-cache'),
		npm_config_update_notifier: 'false',
	});
	// A fresh user folder: n8n first creates its database (a few hundred migrations).
	n8n = await startN8n(node24, env, 400_000);
	const licence = await fetch(`${baseUrl}/rest/e2e/feature`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ feature: CUSTOM_REGISTRY_FEATURE, enabled: true }),
	});
	if (!licence.ok) throw new Error(`n8n did not turn on ${CUSTOM_REGISTRY_FEATURE}: HTTP ${licence.status}`);
	cookie = await setupOwner(port);
}

async function stopInstance(): Promise<void> {
	if (n8n) await stopN8n(n8n);
	n8n = undefined;
}

async function rest<T>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${baseUrl}/rest/${path}`, {
		method,
		headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /rest/${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
	return (JSON.parse(text) as { data: T }).data;
}

interface InstalledPackage {
	packageName: string;
	installedVersion: string;
	failedLoading?: boolean;
	updateAvailable?: string;
	installedNodes: Array<{ type: string; name: string }>;
}

async function installedPackage(): Promise<InstalledPackage | undefined> {
	return (await rest<InstalledPackage[]>('GET', 'community-packages')).find((p) => p.packageName === PACKAGE);
}

function installedFiles(folder: string): { version?: string; peerCopy: boolean } {
	const nodes = join(folder, '.n8n', 'nodes', 'node_modules');
	const packageJson = join(nodes, PACKAGE, 'package.json');
	return {
		version: existsSync(packageJson) ? readJson<{ version: string }>(packageJson).version : undefined,
		// n8n brings n8n-workflow itself: a second copy beside the package would be the one it loads.
		peerCopy: existsSync(join(nodes, 'n8n-workflow')),
	};
}

async function knowsNodeType(): Promise<boolean> {
	const response = await fetch(`${baseUrl}/types/nodes.json`, { headers: { cookie } });
	const types = (await response.json()) as Array<{ name: string }>;
	return types.some((type) => type.name === NODE_TYPE);
}

function page() {
	if (!browser) throw new Error('the browser did not start');
	return browser.page;
}

async function signIn(): Promise<void> {
	const p = page();
	await p.goto(`${baseUrl}/signin`);
	await expectVisible(p.getByTestId('signin-form'), 'the sign-in form', 60_000);
	await p.getByLabel('Email').fill(OWNER.email);
	await p.getByLabel('Password').fill(OWNER.password);
	await p.getByTestId('form-submit-button').click();
	await p.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 60_000 });
}

async function openCommunityNodes(): Promise<void> {
	const p = page();
	await p.goto(`${baseUrl}/settings/community-nodes`);
	await expectVisible(p.getByText('Community nodes', { exact: true }), 'the Community nodes settings page', 60_000);
}

/** The execution's run data, decoded with n8n's own `flatted` (the format n8n stores it in). */
function runData(stored: string): Record<string, Array<{ data?: { main: Array<Array<{ json: unknown }>> } }>> {
	const n8nRequire = createRequire(join(TOOLS_DIR, `n8n-${N8N_VERSION}`, 'node_modules', 'n8n', 'package.json'));
	const { parse } = n8nRequire('flatted') as { parse: (text: string) => any };
	return parse(stored).resultData.runData;
}

/**
 * Opens the workflow in the editor, runs it with "Execute workflow", and returns the Bankcard
 * OCR node's output as n8n stored it, after checking that the node's output panel shows the card.
 */
async function runInEditor(workflowId: string, shot: string): Promise<unknown[]> {
	const p = page();
	const before = await rest<{ results: Array<{ id: string }> }>('GET', `executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
	await p.goto(`${baseUrl}/workflow/${workflowId}`);
	const execute = p.getByTestId('execute-workflow-button');
	await expectVisible(execute, 'the "Execute workflow" button', 60_000);
	await execute.click();

	let executionId: string | undefined;
	const deadline = Date.now() + 90_000;
	while (!executionId && Date.now() < deadline) {
		const { results } = await rest<{ results: Array<{ id: string; status: string }> }>(
			'GET',
			`executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
		);
		const done = results.find((e) => !before.results.some((b) => b.id === e.id) && !['new', 'running', 'waiting'].includes(e.status));
		executionId = done?.id;
		if (!executionId) await new Promise((r) => setTimeout(r, 500));
	}
	if (!executionId) throw new Error('the run started from the editor did not finish within 90 s');
	const execution = await rest<{ status: string; data: string }>('GET', `executions/${executionId}`);
	expect(execution.status).toBe('success');

	// What a user sees: the node's output, opened from the canvas.
	await p.getByTestId('canvas-node').filter({ hasText: 'Bankcard OCR' }).dblclick();
	const output = p.getByTestId('output-panel');
	await expectVisible(output, 'the output panel of Bankcard OCR', 30_000);
	await expectVisible(output.getByText(String(CARD_OUTPUT_BEFORE_1_2.bank_name)), 'the bank name in the output panel', 30_000);
	await shots.take(p, shot);
	await p.keyboard.press('Escape');

	return (runData(execution.data)['Bankcard OCR'][0].data?.main[0] ?? []).map((item) => item.json);
}

beforeAll(async () => {
	ensureChromium();
	node24 = ensureNode24();
	ensureN8n(node24);
	huawei = await startHuaweiServer();
	registry = await startRegistry();
	packed = packProject(newFolder('n8n-e2e-install-pack-'));
	browser = await launchChromium();
	browser.page.setDefaultTimeout(30_000);
	browser.page.setDefaultNavigationTimeout(90_000);
}, 20 * 60 * 1000);

afterAll(async () => {
	const closing = [
		async () => await browser?.close(),
		async () => await stopInstance(),
		async () => await registry?.close(),
		async () => await huawei?.close(),
	];
	for (const close of closing) {
		try {
			await close();
		} catch (error) {
			console.error(error);
		}
	}
	for (const folder of folders) rmSync(folder, { recursive: true, force: true });
	if (shots.taken.length) console.log(`screenshots (${shots.taken.length}):\n${shots.taken.join('\n')}`);
}, 120_000);

describe('publishing', () => {
	step('npm publish puts the packed package on the local registry', async () => {
		await registry!.publish(packed.tarball);
		const packument = await registry!.packument(PACKAGE);
		expect(packument['dist-tags'].latest).toBe(version);
		expect(Object.keys(packument.versions)).toEqual([version]);
	});
});

describe(`n8n ${N8N_VERSION}'s installer, in the editor`, () => {
	step('installs the package from Settings > Community Nodes', async () => {
		editorInstance.folder = newFolder('n8n-e2e-install-editor-');
		await startInstance(editorInstance.folder);
		expect(await knowsNodeType()).toBe(false);
		const p = page();
		await signIn();
		await openCommunityNodes();
		await shots.take(p, 'community-nodes-empty');

		await p.getByRole('button', { name: 'Install a community node' }).click();
		const modal = p.getByTestId('communityPackageInstall-modal');
		await expectVisible(modal, 'the "Install community nodes" dialog');
		await modal.getByTestId('package-name-input').fill(PACKAGE);
		await modal.getByTestId('user-agreement-checkbox').click();
		await shots.take(p, 'install-dialog');
		await modal.getByTestId('install-community-package-button').click();
		await expectVisible(p.getByText(PACKAGE, { exact: true }), `${PACKAGE} in the list of installed packages`, 180_000);
		await shots.take(p, 'installed');

		const installed = await installedPackage();
		expect(installed).toMatchObject({ installedVersion: version, failedLoading: false });
		// Both nodes of the package: Bankcard OCR and ID Card OCR.
		expect(installed?.installedNodes.map((n) => n.type).sort()).toEqual([NODE_TYPE, ID_CARD_NODE.type].sort());
		expect(installedFiles(editorInstance.folder)).toEqual({ version, peerCopy: false });
		// Loaded at once, without a restart.
		expect(await knowsNodeType()).toBe(true);
	}, 300_000);

	step('the installed node runs a workflow from the editor', async () => {
		const credential = await rest<{ id: string }>('POST', 'credentials', {
			name: PASSWORD_CREDENTIAL.name,
			type: CREDENTIAL_TYPE,
			data: credentialData(huawei.url, 'password'),
		});
		editorInstance.credentialId = credential.id;
		const { nodes, connections, settings } = ocrWorkflow('installE2E', { inputType: 'url', imageUrl: CARD_URL }, {
			id: credential.id,
			name: PASSWORD_CREDENTIAL.name,
		});
		const workflow = await rest<{ id: string }>('POST', 'workflows', { name: 'Installed Bankcard OCR', nodes, connections, settings });
		editorInstance.workflowId = workflow.id;

		const items = await runInEditor(workflow.id, 'run-after-install');
		expect(items).toEqual([CARD_OUTPUT_BEFORE_1_2]);
		expect(huawei.stats.tokenRequests).toBe(1);
		expect(huawei.stats.ocrSucceeded).toBe(1);
	}, 300_000);

	step(`updates to a newer version (${nextVersion}) from Settings > Community Nodes`, async () => {
		const newer = join(newFolder('n8n-e2e-install-newer-'), 'package');
		cpSync(packed.dir, newer, { recursive: true });
		const packageJson = readJson<Record<string, unknown>>(join(newer, 'package.json'));
		writeFileSync(join(newer, 'package.json'), `${JSON.stringify({ ...packageJson, version: nextVersion }, null, 2)}\n`);
		await registry!.publish(newer);
		expect((await registry!.packument(PACKAGE))['dist-tags'].latest).toBe(nextVersion);

		expect(await installedPackage()).toMatchObject({ installedVersion: version, updateAvailable: nextVersion });
		const p = page();
		await openCommunityNodes();
		const update = p.getByRole('button', { name: /^Update/ });
		await expectVisible(update, 'the "Update" button of the installed package', 60_000);
		await shots.take(p, 'update-available');
		await update.first().click();
		const confirm = p.getByRole('dialog').getByRole('button', { name: /^(Confirm update|Update)/ });
		await expectVisible(confirm, 'the update confirmation');
		await shots.take(p, 'update-confirm');
		await confirm.first().click();

		const deadline = Date.now() + 180_000;
		while ((await installedPackage())?.installedVersion !== nextVersion && Date.now() < deadline) {
			await new Promise((r) => setTimeout(r, 1000));
		}
		expect(await installedPackage()).toMatchObject({ installedVersion: nextVersion, failedLoading: false });
		expect(installedFiles(editorInstance.folder)).toEqual({ version: nextVersion, peerCopy: false });
		await openCommunityNodes();
		await expectVisible(p.getByText(new RegExp(`v?${nextVersion.replace(/\./g, '\\.')}`)), `version ${nextVersion} on the page`, 60_000);
		await shots.take(p, 'updated');
	}, 300_000);

	step('the credential and workflow saved before the update still run, with the stored sign-in', async () => {
		const credentials = await rest<Array<{ id: string; type: string }>>('GET', 'credentials');
		expect(credentials.filter((c) => c.type === CREDENTIAL_TYPE).map((c) => c.id)).toEqual([editorInstance.credentialId]);
		const items = await runInEditor(editorInstance.workflowId, 'run-after-update');
		expect(items).toEqual([CARD_OUTPUT_BEFORE_1_2]);
		expect(huawei.stats.ocrSucceeded).toBe(2);
		// The token n8n stored with the credential before the update was used again.
		expect(huawei.stats.tokenRequests).toBe(1);
		await stopInstance();
	}, 300_000);
});

/** README's commands for self-hosters (the sh block under "Self-hosted with npm"). */
function readmeNpmInstall(): string {
	const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
	const section = readme.slice(readme.indexOf('**Self-hosted with npm**'));
	const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
	if (!block) throw new Error('README has no sh block under "Self-hosted with npm"');
	return block;
}

describe("README's npm install for self-hosters", () => {
	test('installs the latest version into ~/.n8n/nodes; after a restart n8n loads it and runs a workflow', async () => {
		const script = readmeNpmInstall();
		expect(script).toMatch(/cd ~\/\.n8n\/nodes/);
		expect(script).toMatch(/npm install .*n8n-nodes-huawei-ocr/);
		const home = newFolder('n8n-e2e-install-npm-');
		// README's commands as written, for a user whose home (and so ~/.n8n) is `home`, with npm
		// pointed at the local registry.
		await new Promise<void>((resolveRun, reject) => {
			execFile('bash', ['-euc', script], { cwd: home, env: { ...registry!.npmEnv, HOME: home }, timeout: 300_000 }, (error, _out, err) =>
				error ? reject(new Error(`README's commands failed: ${error.message}\n${err}`)) : resolveRun(),
			);
		});
		const latest = (await registry!.packument(PACKAGE))['dist-tags'].latest;
		expect(installedFiles(home)).toEqual({ version: latest, peerCopy: false });

		// "then restart n8n"
		await startInstance(home);
		expect(await knowsNodeType()).toBe(true);
		await stopInstance();

		const env = n8nEnv(node24, home, await freePort());
		const credentials = join(home, 'credentials.json');
		writeFileSync(credentials, JSON.stringify(credentialsForImport(huawei.url)));
		const workflows = join(home, 'workflows.json');
		writeFileSync(workflows, JSON.stringify([ocrWorkflow('npmInstallE2E01', { inputType: 'url', imageUrl: CARD_URL }, PASSWORD_CREDENTIAL)]));
		await n8nCli(node24, ['import:credentials', `--input=${credentials}`], env);
		await n8nCli(node24, ['import:workflow', `--input=${workflows}`], env);
		const { stdout, stderr } = await n8nCli(node24, ['execute', '--id=npmInstallE2E01', '--rawOutput'], env);
		expect(ocrItemsFromRawOutput(stdout, stderr).map((item) => item.json)).toEqual([CARD_OUTPUT_BEFORE_1_2]);
	}, 600_000);
});
