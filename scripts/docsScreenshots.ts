/**
 * `npm run docs:screenshots`: the pictures of the README's recipe "Card photos from email into
 * your CRM", taken from the real editor. It starts what the e2e suite starts (Dovecot, Postfix,
 * PostgreSQL, the local Huawei stand-in, n8n with examples/email-to-crm.json activated), mails
 * one card photo to the inbox, waits until n8n has handled it, then shows the workflow and that
 * execution's Bankcard OCR output in headless Chromium (test/e2e/browser.ts) and saves:
 *
 *   docs/email-to-crm-workflow.png   the workflow on the canvas
 *   docs/email-to-crm-ocr-output.png the Bankcard OCR node's output for the mail
 *
 * Needs root, like the suite (the mail servers start as root). The PNGs are reduced to a
 * 64-colour palette with Debian's ImageMagick when it is there, to keep the repository small.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, statSync } from 'fs';
import { join } from 'path';

import { PROJECT_ROOT } from './n8nRuntime';
import { expectVisible, launchChromium, type BrowserSession } from '../test/e2e/browser';
import { customerMails } from '../test/e2e/email/customerMails';
import { startEmailToCrm, type EmailToCrm } from '../test/e2e/email/emailToCrm';

const DOCS = join(PROJECT_ROOT, 'docs');
const VIEWPORT = { width: 1440, height: 900 };

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

async function main(): Promise<void> {
	mkdirSync(DOCS, { recursive: true });
	const env = await startEmailToCrm();
	let browser: BrowserSession | undefined;
	try {
		const anna = customerMails().find((mail) => mail.key === 'one card photo');
		if (!anna) throw new Error('the one-photo mail is missing from customerMails()');
		await env.send(anna);
		const executionId = await waitForExecution(env);

		browser = await launchChromium(VIEWPORT);
		const { page, context } = browser;
		// The machine may be busy (CI, other builds): the editor's first load can take a while.
		page.setDefaultNavigationTimeout(180_000);
		page.setDefaultTimeout(30_000);
		const [name, value] = env.cookie.split('=');
		await context.addCookies([{ name, value, url: env.baseUrl }]);

		await page.goto(`${env.baseUrl}/workflow/${env.workflowId}`);
		await expectVisible(page.getByTestId('canvas-node').first(), 'the workflow on the canvas', 60_000);
		await page.keyboard.press('1'); // "zoom to fit"
		await page.waitForTimeout(1000);
		const canvas = join(DOCS, 'email-to-crm-workflow.png');
		await page.screenshot({ path: canvas, animations: 'disabled' });

		// The execution list, in the app (a direct link to an execution keeps loading in 2.40).
		await page.getByTestId('radio-button-executions').click();
		await expectVisible(page.getByText(`ID#${executionId}`), `execution ${executionId} in the executions view`, 60_000);
		const ocrNode = page.getByTestId('canvas-node').filter({ hasText: 'Bankcard OCR' });
		await expectVisible(ocrNode, 'the Bankcard OCR node in the execution', 60_000);
		await ocrNode.first().dblclick();
		const output = page.getByTestId('output-panel');
		await expectVisible(output, 'the output panel of Bankcard OCR');
		// The schema view: one field a line with its value, the easiest to read for a newcomer.
		await output.getByTestId('radio-button-schema').click();
		await expectVisible(output.getByText('card_network'), 'the card_network field in the output', 10_000);
		const panel = join(DOCS, 'email-to-crm-ocr-output.png');
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

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
