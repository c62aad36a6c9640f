/**
 * A real browser for the editor end-to-end test: Debian's Chromium driven by playwright-core.
 *
 * Why this way:
 * - Playwright's own browser downloads (`npx playwright install`) do not work on these machines,
 *   and the project never downloads browsers: playwright-core ships no browser, so we point it at
 *   Debian's `chromium` package (`/usr/bin/chromium`).
 * - A fresh machine (CI runs as root on one) has no Chromium until something installs it, so
 *   `ensureChromium()` installs the Debian package when it is missing and does nothing when it is
 *   already there.
 * - The machine's network is closed: without the background-networking flags Chromium keeps
 *   trying (and failing) to reach Google's services, so every launch turns them off, and starts
 *   from a new, empty profile (user-data-dir) that is removed again on close.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, selectors, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { ensureDebianPackage } from './services/debian';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless Chromium on these machines: no sandbox (CI runs as root), no GPU, and none of the
 * background networking a closed network only makes fail (--headless comes from Playwright).
 */
export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

// n8n's editor marks its elements with `data-test-id` (not Playwright's default `data-testid`).
selectors.setTestIdAttribute('data-test-id');

function chromiumVersion(): string | undefined {
	if (!existsSync(CHROMIUM_PATH)) return undefined;
	try {
		return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch {
		return undefined;
	}
}

/**
 * Makes sure Debian's Chromium is installed at /usr/bin/chromium and returns that path.
 *
 * Already installed: returns at once. Missing: installs the Debian package `chromium` with
 * `apt-get update` then `apt-get install -y chromium` (about a minute; needs root, as CI has on
 * its fresh machines). Never lets anything download a browser of its own.
 */
export function ensureChromium(): string {
	ensureDebianPackage('chromium', () => chromiumVersion() !== undefined);
	return CHROMIUM_PATH;
}

export interface BrowserSession {
	context: BrowserContext;
	page: Page;
	/** Closes Chromium (all its processes) and removes its profile; safe to call twice. */
	close(): Promise<void>;
}

/** Starts headless Chromium on a new, empty profile, with one page of the given size. */
export async function launchChromium(viewport = { width: 1440, height: 900 }): Promise<BrowserSession> {
	const executablePath = ensureChromium();
	const userDataDir = mkdtempSync(join(tmpdir(), 'n8n-editor-e2e-chromium-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath,
			headless: true,
			args: CHROMIUM_FLAGS,
			viewport,
			timeout: 60_000,
		});
	} catch (error) {
		rmSync(userDataDir, { recursive: true, force: true });
		throw error;
	}
	const page = context.pages()[0] ?? (await context.newPage());
	let closed = false;
	return {
		context,
		page,
		async close() {
			if (closed) return;
			closed = true;
			try {
				await context.close();
			} finally {
				rmSync(userDataDir, { recursive: true, force: true });
			}
		},
	};
}

/** Waits (bounded) until the locator is visible, failing with a message that says what was expected. */
export async function expectVisible(locator: Locator, what: string, timeout = 20_000): Promise<void> {
	try {
		await locator.first().waitFor({ state: 'visible', timeout });
	} catch (error) {
		throw new Error(`expected ${what} to be visible within ${timeout / 1000} s: ${(error as Error).message.split('\n')[0]}`);
	}
}

/** Waits (bounded) until the locator is gone or hidden. */
export async function expectHidden(locator: Locator, what: string, timeout = 10_000): Promise<void> {
	try {
		await locator.first().waitFor({ state: 'hidden', timeout });
	} catch (error) {
		throw new Error(`expected ${what} to be hidden within ${timeout / 1000} s: ${(error as Error).message.split('\n')[0]}`);
	}
}

/**
 * An n8n form label (parameter or credential field) whose title is exactly this text; n8n
 * appends " *" to required fields, which this allows. (The label element also holds the field's
 * hidden "Fixed / Expression" switch, so the title span is matched, not the whole label.)
 */
export function fieldLabel(scope: Page | Locator, text: string): Locator {
	const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const page = 'page' in scope ? scope.page() : scope;
	const title = page.locator('span', { hasText: new RegExp(`^\\s*${escaped}\\s*\\*?\\s*$`) });
	return scope.locator('label').filter({ has: title });
}

/**
 * The visible dropdown option whose text starts with this (n8n renders every select's options,
 * hidden ones included, and follows an option's title with its description).
 */
export function visibleOption(page: Page, text: string): Locator {
	const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return page.getByRole('option').filter({ visible: true }).filter({ hasText: new RegExp(`^\\s*${escaped}`) });
}

/**
 * Numbered screenshots of the page (the viewport) in one folder; every path is printed with console.log so that
 * the test output lists them.
 */
export class Screenshots {
	readonly taken: string[] = [];
	private count = 0;

	constructor(readonly folder: string) {
		rmSync(folder, { recursive: true, force: true });
		mkdirSync(folder, { recursive: true });
	}

	async take(page: Page, name: string): Promise<string> {
		this.count += 1;
		const file = join(this.folder, `${String(this.count).padStart(2, '0')}-${name}.png`);
		// Finite CSS transitions (panels sliding in, dropdowns fading out) are finished first, so a
		// screenshot shows where the UI settles, not a frame of the animation.
		await page.screenshot({ path: file, timeout: 30_000, animations: 'disabled' });
		this.taken.push(file);
		console.log(`screenshot: ${file}`);
		return file;
	}
}
