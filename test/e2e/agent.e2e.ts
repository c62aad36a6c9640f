/**
 * Bankcard OCR as a tool of n8n's AI Agent, in a real n8n 2.x: Manual Trigger -> "Chat message"
 * (the user's chat text) -> AI Agent, whose OpenAI Chat Model is a local stand-in model
 * (services/chatModel.ts, reached through the credential's Base URL) and whose one tool is Bankcard
 * OCR, its Image URL left to the model with `$fromAI` exactly as the editor's "let the model
 * define this parameter" button writes it. The photos are served by the Huawei stand-in
 * (test/server), which also answers the OCR calls.
 *
 * The stand-in model plays a careful model: it calls the tool offered to it with the address
 * from the user's message, then answers from what the tool gave back. The suite checks what the
 * model was offered (the tool's name, description and parameters), what it received (card fields,
 * masked, short, no secrets), the agent's answer, and that a bad URL, a Huawei failure and a
 * throttling storm reach the model as a short error it can act on while the run goes on. Then the
 * editor: the same agent run in n8n's canvas, screenshotted (for the README's pictures in docs/ with
 * AGENT_DOCS_SCREENSHOTS=1).
 *
 * ID Card OCR as the tool reads a specimen ID card the same way: the number reaches the model
 * masked, and nothing the model is sent holds the full number.
 *
 * The offered tool and the tool's answers are printed (console.log) for the record. n8n 2.x only
 * (the AI Agent 3.x and its tool handling); needs `npm run build` first.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { N8N_VERSION, PROJECT_ROOT, ensureN8n, ensureRuntimeNode, freePort, n8nCli, n8nEnv, prepareUserFolder, setupOwner, startN8nProcess, stopN8n, type N8nProcess } from '../../scripts/n8nRuntime';
import { TOOL_DESCRIPTION } from '../../nodes/HuaweiOcr/BankcardOcr/toolDescription';
import { IAM_USER, SECRET_ACCESS_KEY } from '../helpers/fixtures';
import { startHuaweiServer, type HuaweiServer } from '../server/huaweiServer';
import { idCardFiles, idCardSample } from '../server/samples/idCardSamples';
import { SAMPLES, sampleFiles } from '../server/samples/samples';
import { ensureChromium, launchChromium, expectVisible, type BrowserSession } from './browser';
import { canvasNode, closeNode, openNode, signIn, waitForSuccess } from './editorActions';
import { cardReadingModel } from './services/cardReadingModel';
import { STAND_IN_MODEL, messageText, startChatModel, type ChatModelServer, type CompletionRequest } from './services/chatModel';
import {
	ID_CARD_NODE,
	OPENAI_API_KEY,
	agentWorkflow,
	credentialsForImport,
	openAiCredentialForImport,
	runDataFromRawOutput,
	type RunData,
} from './services/workflows';

const onN8n2 = N8N_VERSION.startsWith('1.') ? describe.skip : describe;

/** The card the happy path reads: a Visa credit card (test/server/samples). */
const SAMPLE = SAMPLES.find((sample) => sample.file === 'cmb-visa-credit.png')!;
const FULL_NUMBER = SAMPLE.card.card_number.replace(/\D/g, '');
const MASKED_NUMBER = '439225******5676';
/** What the editor's "let the model define this parameter" button writes into Image URL. */
const FROM_AI_IMAGE_URL = "={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('Image_URL', ``, 'string') }}";
const TOOL_PARAMETERS = { inputType: 'url', imageUrl: FROM_AI_IMAGE_URL, options: {} };
/** Long enough for a card's fields, short enough for a model's context window. */
const MAX_TOOL_TEXT = 1000;
// Into e2e-output/ (git-ignored) on every run, so a run leaves the work tree as it was; into docs/
// for the README with AGENT_DOCS_SCREENSHOTS=1 (README, Contributing).
/** The ID card the ID Card OCR tool reads: the front of a specimen (test/server/samples). */
const ID_CARD = idCardSample('han-meimei-front.png');
const ID_FULL_NUMBER = ID_CARD.idCard.front!.number;
const ID_MASKED_NUMBER = '**************0026';
const SCREENSHOT_DIR = process.env.AGENT_DOCS_SCREENSHOTS === '1' ? join(PROJECT_ROOT, 'docs') : join(PROJECT_ROOT, 'e2e-output', 'agent');
const SCREENSHOT = join(SCREENSHOT_DIR, 'ai-agent-run.png');
const TOOL_SCREENSHOT = join(SCREENSHOT_DIR, 'ai-agent-tool.png');

const WORKFLOWS = {
	card: 'e2eAgentCard001',
	badUrl: 'e2eAgentBadUrl1',
	huaweiFails: 'e2eAgentNoCard1',
	throttled: 'e2eAgentStorm01',
	responses: 'e2eAgentResp001',
	idCard: 'e2eAgentIdCard1',
};

let node: string;
let huawei: HuaweiServer;
let model: ChatModelServer;
let folder: string;
let env: NodeJS.ProcessEnv;

function cardUrl(file: string): string {
	return `${huawei.url}/files/${file}`;
}

/** Runs one workflow with `n8n execute` and returns what the agent answered and the model saw. */
async function runAgent(workflowId: string): Promise<{ answer: string; requests: CompletionRequest[]; runData: RunData }> {
	model.requests.length = 0;
	const { stdout, stderr } = await n8nCli(node, ['execute', `--id=${workflowId}`, '--rawOutput'], env);
	const runData = runDataFromRawOutput(stdout, stderr);
	const agentItems = runData['AI Agent']?.[0]?.data?.main[0] ?? [];
	return { answer: String(agentItems[0]?.json.output ?? ''), requests: [...model.requests], runData };
}

/** The text the tool handed the model: the content of the (one) tool message it was sent. */
function toolText(requests: CompletionRequest[]): string {
	const toolMessages = requests.flatMap((request) => request.messages).filter((message) => message.role === 'tool');
	expect(toolMessages.length).toBeGreaterThan(0);
	return messageText(toolMessages[toolMessages.length - 1]);
}

/** Every secret of the run: none may reach the model. */
function secrets(): string[] {
	return [IAM_USER.password, SECRET_ACCESS_KEY, OPENAI_API_KEY, ...huawei.issuedTokens()];
}

function expectNoSecrets(text: string): void {
	for (const secret of secrets()) expect(text).not.toContain(secret);
	expect(text).not.toMatch(/password|secret|x-auth-token/i);
}

beforeAll(async () => {
	if (N8N_VERSION.startsWith('1.')) return;
	node = ensureRuntimeNode();
	ensureN8n(node);
	huawei = await startHuaweiServer({ files: new Map([...sampleFiles(), ...idCardFiles()]) });
	model = await startChatModel(cardReadingModel);
	folder = mkdtempSync(join(tmpdir(), 'n8n-e2e-agent-'));
	prepareUserFolder(folder);
	env = n8nEnv(node, folder, await freePort());
	mkdirSync(join(folder, 'import'));
	const credentials = join(folder, 'import', 'credentials.json');
	writeFileSync(credentials, JSON.stringify([...credentialsForImport(huawei.url), openAiCredentialForImport(model.baseUrl)]));
	await n8nCli(node, ['import:credentials', `--input=${credentials}`], env);
	const workflows = join(folder, 'import', 'workflows.json');
	const ask = (address: string) => `Please read the card at ${address} and tell me the bank and the number.`;
	writeFileSync(
		workflows,
		JSON.stringify([
			agentWorkflow(WORKFLOWS.card, ask(cardUrl(SAMPLE.file)), TOOL_PARAMETERS, { model: STAND_IN_MODEL, name: 'Read a card from a chat message' }),
			agentWorkflow(WORKFLOWS.badUrl, ask('ftp://files.example.com/card.jpg'), TOOL_PARAMETERS, { model: STAND_IN_MODEL }),
			agentWorkflow(WORKFLOWS.huaweiFails, ask(cardUrl('notacard.png')), TOOL_PARAMETERS, { model: STAND_IN_MODEL }),
			agentWorkflow(WORKFLOWS.throttled, ask(cardUrl(SAMPLE.file)), TOOL_PARAMETERS, { model: STAND_IN_MODEL }),
			agentWorkflow(WORKFLOWS.responses, ask(cardUrl(SAMPLE.file)), TOOL_PARAMETERS, { model: STAND_IN_MODEL, responsesApi: true }),
			agentWorkflow(WORKFLOWS.idCard, `Please read the ID card at ${cardUrl(ID_CARD.file)} and tell me whose it is.`, TOOL_PARAMETERS, {
				model: STAND_IN_MODEL,
				tool: ID_CARD_NODE,
				typeVersion: 1,
			}),
		]),
	);
	await n8nCli(node, ['import:workflow', `--input=${workflows}`], env);
}, 15 * 60 * 1000);

afterAll(async () => {
	await model?.close();
	await huawei?.close();
	if (folder) rmSync(folder, { recursive: true, force: true });
});

onN8n2('Bankcard OCR as an AI Agent tool (n8n CLI)', () => {
	let card: Awaited<ReturnType<typeof runAgent>>;

	beforeAll(async () => {
		card = await runAgent(WORKFLOWS.card);
	}, 10 * 60 * 1000);

	test('the model is offered one tool, described for it, with the image URL as its one parameter', () => {
		const offered = card.requests[0].tools ?? [];
		console.log(`offered tool (what the model was sent):\n${JSON.stringify(offered, null, 2)}`);
		expect(offered).toHaveLength(1);
		const { name, description, parameters } = offered[0].function;
		expect(name).toBe('Bankcard_OCR');
		expect(description).toBe(TOOL_DESCRIPTION);
		expect(description).toMatch(/URL/);
		expect(description).toMatch(/masked/);
		expect(parameters).toMatchObject({ type: 'object', properties: { Image_URL: { type: 'string' } }, required: ['Image_URL'] });
		expect(Object.keys((parameters?.properties as object) ?? {})).toEqual(['Image_URL']);
	});

	test('the tool gets the URL the model chose and hands back the card, masked, short and without secrets', () => {
		// As n8n replays the call to the model with the result (it adds the call's id to the arguments).
		const call = card.requests[1].messages.find((message) => message.tool_calls?.length)?.tool_calls?.[0];
		expect(JSON.parse(call?.function.arguments ?? '{}')).toMatchObject({ Image_URL: cardUrl(SAMPLE.file) });
		const text = toolText(card.requests);
		console.log(`tool result (what the model received, ${text.length} characters):\n${text}`);
		expect(text.length).toBeLessThan(MAX_TOOL_TEXT);
		const [result] = JSON.parse(text) as Array<Record<string, unknown>>;
		expect(result).toMatchObject({
			bank_name: SAMPLE.card.bank_name,
			card_number: MASKED_NUMBER,
			expiry_date: '03/29',
			card_network: 'Visa',
			card_number_valid: true,
			card_type_normalized: 'credit',
		});
		expect(text.replace(/\D/g, '')).not.toContain(FULL_NUMBER);
		expectNoSecrets(text);
		expect(huawei.stats.ocrRequests).toBeGreaterThan(0);
	});

	test("the agent answers from the tool's result, and nothing the model was sent holds the full number or a secret", () => {
		console.log(`agent answer: ${card.answer}`);
		expect(card.answer).toBe(`The card is a Visa credit card from ${SAMPLE.card.bank_name}, number ${MASKED_NUMBER}, valid until 03/29.`);
		const everything = JSON.stringify(card.requests);
		expect(everything.replace(/\D/g, '')).not.toContain(FULL_NUMBER);
		expectNoSecrets(everything);
	});

	test('with the Responses API (a new OpenAI Chat Model node: "Use Responses API" on), the same tool call and answer', async () => {
		const run = await runAgent(WORKFLOWS.responses);
		expect(run.requests.map((request) => request.api)).toEqual(['responses', 'responses']);
		const offered = run.requests[0].tools ?? [];
		expect(offered.map((tool) => tool.function.name)).toEqual(['Bankcard_OCR']);
		expect(offered[0].function.description).toBe(TOOL_DESCRIPTION);
		const [result] = JSON.parse(toolText(run.requests)) as Array<Record<string, unknown>>;
		expect(result).toMatchObject({ bank_name: SAMPLE.card.bank_name, card_number: MASKED_NUMBER, card_network: 'Visa' });
		expect(run.answer).toBe(`The card is a Visa credit card from ${SAMPLE.card.bank_name}, number ${MASKED_NUMBER}, valid until 03/29.`);
		expect(JSON.stringify(run.requests).replace(/\D/g, '')).not.toContain(FULL_NUMBER);
	});

	test('a bad URL gives the model a short error that says what to send instead, and the run goes on', async () => {
		const before = huawei.stats.ocrRequests;
		const run = await runAgent(WORKFLOWS.badUrl);
		const text = toolText(run.requests);
		console.log(`tool result for a bad URL:\n${text}`);
		const [result] = JSON.parse(text) as Array<{ error: string }>;
		expect(result.error).toMatch(/^The Image URL uses "ftp:", which Huawei cannot download from\. .*http:\/\/ or https:\/\//);
		expect(result.error).not.toMatch(/\[item \d+\]/);
		expect(text.length).toBeLessThan(500);
		expectNoSecrets(text);
		expect(run.answer).toBe(`I could not read the card: ${result.error}`);
		// Checked before any call: Huawei is not paid for an address it cannot fetch.
		expect(huawei.stats.ocrRequests).toBe(before);
	});

	test("Huawei's failure reaches the model as its meaning and the fix, and the run goes on", async () => {
		const run = await runAgent(WORKFLOWS.huaweiFails);
		const text = toolText(run.requests);
		console.log(`tool result when Huawei finds no card:\n${text}`);
		const [result] = JSON.parse(text) as Array<{ error: string }>;
		expect(result.error).toMatch(/^Huawei OCR could not find a readable bank card in the image \(AIS\.0104\)\. Use a sharp, well-lit photo/);
		expect(text.length).toBeLessThan(500);
		expectNoSecrets(text);
		expect(run.answer).toBe(`I could not read the card: ${result.error}`);
	});

	test('a throttling storm is retried, then told to the model in a few words, and the run goes on', async () => {
		huawei.setFaults({ seed: 1, throttleRatio: 1, retryAfterSeconds: 1 });
		huawei.resetStats();
		try {
			const run = await runAgent(WORKFLOWS.throttled);
			const text = toolText(run.requests);
			console.log(`tool result in a 429 storm:\n${text}`);
			const [result] = JSON.parse(text) as Array<{ error: string }>;
			expect(result.error).toMatch(/^Huawei is throttling requests from this account .*\(APIG\.0308\)\. Wait a few seconds/);
			expect(result.error).toMatch(/Tried 4 times/);
			expect(text.length).toBeLessThan(500);
			expectNoSecrets(text);
			expect(run.answer).toBe(`I could not read the card: ${result.error}`);
			// The node's own retries (Max Retries 3), not the agent's: one tool call, four Huawei calls.
			expect(huawei.stats.faultsByKind['status:429']).toBe(4);
		} finally {
			huawei.setFaults(null);
		}
	});
});

onN8n2('ID Card OCR as an AI Agent tool (n8n CLI)', () => {
	test('reads an ID card through the tool: the number masked, and nothing the model was sent holds the full number or a secret', async () => {
		const run = await runAgent(WORKFLOWS.idCard);
		const offered = run.requests[0].tools ?? [];
		expect(offered.map((tool) => tool.function.name)).toEqual(['ID_Card_OCR']);
		expect(Object.keys((offered[0].function.parameters?.properties as object) ?? {})).toEqual(['Image_URL']);
		const text = toolText(run.requests);
		console.log(`ID card tool result (what the model received, ${text.length} characters):\n${text}`);
		expect(text.length).toBeLessThan(MAX_TOOL_TEXT);
		const [result] = JSON.parse(text) as Array<Record<string, unknown>>;
		expect(result).toMatchObject({ name: ID_CARD.idCard.front!.name, number: ID_MASKED_NUMBER, number_valid: true });
		expect(run.answer).toBe(`The ID card is ${ID_CARD.idCard.front!.name}'s, number ${ID_MASKED_NUMBER}, valid number: true.`);
		const everything = JSON.stringify(run.requests);
		expect(everything).not.toContain(ID_FULL_NUMBER);
		// Nor its first 14 digits together: where and when the holder was born.
		expect(everything.replace(/\D/g, '')).not.toContain(ID_FULL_NUMBER.slice(0, 14));
		expectNoSecrets(everything);
	}, 10 * 60 * 1000);
});

onN8n2('Bankcard OCR as an AI Agent tool (n8n editor)', () => {
	let n8n: N8nProcess | undefined;
	let browser: BrowserSession | undefined;

	beforeAll(async () => {
		ensureChromium();
		n8n = await startN8nProcess(node, env);
		await setupOwner(Number(env.N8N_PORT));
		browser = await launchChromium();
		browser.page.setDefaultTimeout(30_000);
		browser.page.setDefaultNavigationTimeout(120_000);
	}, 10 * 60 * 1000);

	afterAll(async () => {
		try {
			await browser?.close();
		} finally {
			if (n8n) await stopN8n(n8n.child);
		}
	}, 60_000);

	test('runs the agent with the card tool in the canvas, and the screenshot for the README shows it', async () => {
		const page = browser!.page;
		const baseUrl = `http://127.0.0.1:${env.N8N_PORT}`;
		await signIn(page, baseUrl);
		await page.goto(`${baseUrl}/workflow/${WORKFLOWS.card}`);
		await expectVisible(canvasNode(page, 'Bankcard OCR'), 'the Bankcard OCR tool on the canvas', 60_000);
		// The tool as its user sees it: the description for the model, the URL left to the model.
		await openNode(page, 'Bankcard OCR');
		const description = page.getByTestId('ndv').getByTestId('parameter-input-toolDescription').locator('textarea').first();
		await expectVisible(description, 'the tool\'s Description');
		expect(await description.inputValue()).toBe(TOOL_DESCRIPTION);
		mkdirSync(SCREENSHOT_DIR, { recursive: true });
		await page.screenshot({ path: TOOL_SCREENSHOT, animations: 'disabled' });
		console.log(`screenshot: ${TOOL_SCREENSHOT}`);
		await closeNode(page);
		model.requests.length = 0;
		await page.getByTestId('execute-workflow-button').click();
		await waitForSuccess(page, ['AI Agent', 'Bankcard OCR', 'OpenAI Chat Model'], 180_000);
		expect(model.requests.length).toBe(2);
		expect(toolText(model.requests)).toContain(MASKED_NUMBER);
		// The run's log below the canvas: the agent, its model calls and the tool call, with what
		// the tool handed back.
		await page.getByTestId('logs-overview-header').click();
		const overview = page.getByTestId('logs-overview-body');
		await expectVisible(overview.getByText('Bankcard OCR').first(), 'the tool call in the run log');
		await overview.getByText('Bankcard OCR').first().click();
		const logs = page.getByTestId('logs-panel');
		const detailsMode = logs.getByTestId('radio-button-details');
		if ((await detailsMode.isVisible()) && (await detailsMode.getAttribute('aria-checked')) !== 'true') await detailsMode.click();
		await logs.getByText('Bankcard OCR', { exact: true }).first().click();
		try {
			await expectVisible(logs.getByText(MASKED_NUMBER).first(), 'the masked card number in the tool call\'s output');
		} catch (error) {
			// What the log showed instead, kept out of docs/: e2e-output/ is git-ignored.
			const failed = join(PROJECT_ROOT, 'e2e-output', 'agent', 'FAILED-run-log.png');
			mkdirSync(join(PROJECT_ROOT, 'e2e-output', 'agent'), { recursive: true });
			await page.screenshot({ path: failed, animations: 'disabled' });
			console.log(`run log at failure (${failed}):\n${(await logs.innerText()).slice(0, 3000)}`);
			throw error;
		}
		// The toast "Workflow executed successfully" would cover the output.
		await page.locator('.el-notification__closeBtn').first().click().catch(() => undefined);
		await page.screenshot({ path: SCREENSHOT, animations: 'disabled' });
		console.log(`screenshot: ${SCREENSHOT}`);
	}, 10 * 60 * 1000);
});
