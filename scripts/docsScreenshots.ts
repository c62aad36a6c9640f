/**
 * `npm run docs:screenshots [-- <recipe> ...]`: the pictures of the README's email recipes, taken
 * from the real editor; without a name, every recipe's. For each it starts what its e2e suite
 * starts (Dovecot, Postfix, PostgreSQL, the local Huawei stand-in, n8n with the example
 * activated), mails one customer's mail to the inbox, waits until n8n has handled it, then shows
 * the workflow and that execution's OCR output in headless Chromium (test/e2e/browser.ts) and saves:
 *
 *   docs/<recipe>-workflow.png   the workflow on the canvas
 *   docs/<recipe>-ocr-output.png the OCR node's output for the mail
 *
 * Recipes: email-to-crm (Bankcard OCR's output for one card photo), customer-onboarding (ID Card
 * OCR's output for the front and back of a card).
 *
 * Needs root, like the suite (the mail servers start as root). The PNGs are reduced to a
 * 64-colour palette with Debian's ImageMagick when it is there, to keep the repository small.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, statSync } from 'fs';
import { join } from 'path';

import { PROJECT_ROOT } from './n8nRuntime';
import { expectVisible, launchChromium, type BrowserSession } from '../test/e2e/browser';
import { customerMails, type Mail } from '../test/e2e/email/customerMails';
import { CUSTOMER_ONBOARDING, EMAIL_TO_CRM, startEmailToCrm, type EmailToCrm, type Recipe } from '../test/e2e/email/emailToCrm';
import { onboardingMails } from '../test/e2e/email/onboardingMails';

const DOCS = join(PROJECT_ROOT, 'docs');
const VIEWPORT = { width: 1440, height: 900 };

interface Shots {
	recipe: Recipe;
	mail(): Mail | undefined;
	/** The OCR node whose output is shown, and a field its output shows. */
	node: string;
	field: string;
}

const RECIPES: Record<string, Shots> = {
	'email-to-crm': { recipe: EMAIL_TO_CRM, mail: () => customerMails().find((mail) => mail.key === 'one card photo'), node: 'Bankcard OCR', field: 'card_network' },
	'customer-onboarding': {
		recipe: CUSTOMER_ONBOARDING,
		mail: () => onboardingMails().find((mail) => mail.key === 'a clean onboarding'),
		node: 'Read the ID card',
		field: 'number_valid',
	},
};

async function waitForExecution(env: EmailToCrm, timeoutMs = 180_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const [done] = await env.n8nQuery<{ id: number }>("SELECT id FROM execution_entity WHERE status = 'success' ORDER BY id DESC LIMIT 1");
		if (done) return String(done.id);
		if (Date.now() > deadline) throw new Error(`n8n did not finish handling the mail within ${timeoutMs / 1000} s:\n${env.n8nLog().slice(-3000)}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
}

function compress(file: string): void {
	if (!existsSync('/usr/bin/convert')) return;
	execFileSync('/usr/bin/convert', [file, '-strip', '+dither', '-colors', '64', `PNG8:${file}`]);
}

async function take(name: string, shots: Shots): Promise<void> {
	const env = await startEmailToCrm(shots.recipe);
	let browser: BrowserSession | undefined;
	try {
		const mail = shots.mail();
		if (!mail) throw new Error(`the mail shown for ${name} is missing from the suite's mails`);
		await env.send(mail);
		const executionId = await waitForExecution(env);

		browser = await launchChromium(VIEWPORT);
		const { page, context } = browser;
		// The machine may be busy (CI, other builds): the editor's first load can take a while.
		page.setDefaultNavigationTimeout(180_000);
		page.setDefaultTimeout(30_000);
		const [cookieName, value] = env.cookie.split('=');
		await context.addCookies([{ name: cookieName, value, url: env.baseUrl }]);

		await page.goto(`${env.baseUrl}/workflow/${env.workflowId}`);
		await expectVisible(page.getByTestId('canvas-node').first(), 'the workflow on the canvas', 60_000);
		// n8n 2.41 opens its "Production Checklist" once after a workflow's first publish, over the canvas.
		const checklist = page.getByText('Production Checklist', { exact: true });
		const shown = await checklist.waitFor({ state: 'visible', timeout: 5000 }).then(() => true, () => false);
		if (shown) {
			await page.keyboard.press('Escape');
			if (await checklist.isVisible().catch(() => false)) await page.mouse.click(VIEWPORT.width - 200, VIEWPORT.height - 200);
			await checklist.waitFor({ state: 'hidden', timeout: 10_000 });
		}
		await page.keyboard.press('1'); // "zoom to fit"
		await page.waitForTimeout(1000);
		const canvas = join(DOCS, `${name}-workflow.png`);
		await page.screenshot({ path: canvas, animations: 'disabled' });

		// The execution list, in the app (a direct link to an execution keeps loading in 2.40).
		await page.getByTestId('radio-button-executions').click();
		await expectVisible(page.getByText(`ID#${executionId}`), `execution ${executionId} in the executions view`, 60_000);
		const ocrNode = page.getByTestId('canvas-node').filter({ hasText: shots.node });
		await expectVisible(ocrNode, `the ${shots.node} node in the execution`, 60_000);
		await ocrNode.first().dblclick();
		const output = page.getByTestId('output-panel');
		await expectVisible(output, `the output panel of ${shots.node}`);
		// The schema view: one field a line with its value, the easiest to read for a newcomer.
		await output.getByTestId('radio-button-schema').click();
		await expectVisible(output.getByText(shots.field, { exact: true }).first(), `the ${shots.field} field in the output`, 10_000);
		const panel = join(DOCS, `${name}-ocr-output.png`);
		await page.screenshot({ path: panel, animations: 'disabled' });

		for (const file of [canvas, panel]) {
			compress(file);
			console.log(`${file}: ${Math.round(statSync(file).size / 1024)} KB`);
		}
	} finally {
		await browser?.close();
		await env.stop();
	}
}

async function main(): Promise<void> {
	mkdirSync(DOCS, { recursive: true });
	const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(RECIPES);
	const unknown = names.filter((name) => !RECIPES[name]);
	if (unknown.length) throw new Error(`no recipe ${unknown.join(', ')}; recipes: ${Object.keys(RECIPES).join(', ')}`);
	for (const name of names) await take(name, RECIPES[name]);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
