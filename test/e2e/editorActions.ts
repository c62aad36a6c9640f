/**
 * What a user does in the n8n 2.x editor, as steps the editor test composes: sign in, start a
 * workflow, add nodes from the node panel, open a node, run, import a workflow file, read the
 * output panel. Selectors are n8n's own `data-test-id`s (see browser.ts), found in n8n 2.40 and
 * unchanged in 2.41.
 */
import type { Locator, Page } from 'playwright-core';

import { OWNER } from '../../scripts/n8nRuntime';
import { expectVisible } from './browser';

/** Signs in through n8n's sign-in form, starting from a new workflow's address. */
export async function signIn(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/new`);
	// Not signed in yet: n8n sends the browser to its sign-in page.
	await expectVisible(page.getByTestId('signin-form'), 'the sign-in form', 60_000);
	await page.getByLabel('Email').fill(OWNER.email);
	await page.getByLabel('Password').fill(OWNER.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL(/\/workflow\//, { timeout: 60_000 });
	await expectVisible(page.getByTestId('canvas-plus-button'), 'the empty canvas with "Add first step"', 60_000);
}

/** A new, empty workflow (leaving the current one without saving). */
export async function newWorkflow(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/new`);
	await expectVisible(page.getByTestId('canvas-plus-button'), 'the empty canvas with "Add first step"', 60_000);
}

/** The node panel's entry with exactly this name. */
function creatorItem(page: Page, name: string): Locator {
	const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return page.getByTestId('node-creator-item-name').filter({ hasText: new RegExp(`^${escaped}$`) });
}

/**
 * Searches the open node panel, picks `item` (then `action`, for nodes that list actions) and
 * waits for the new node's view (NDV). n8n 2.x first shows a community node's details, with
 * "Add to workflow".
 */
export async function pickFromNodePanel(page: Page, search: string, item: string, action?: string): Promise<void> {
	const bar = page.getByTestId('node-creator-search-bar');
	await expectVisible(bar, 'the node panel search');
	await bar.fill(search);
	await expectVisible(creatorItem(page, item), `"${item}" in the node panel for "${search}"`);
	await creatorItem(page, item).click();
	if (action) {
		await expectVisible(creatorItem(page, action), `the action "${action}"`);
		await creatorItem(page, action).click();
	}
	const addToWorkflow = page.getByRole('button', { name: 'Add to workflow' });
	const ndv = page.getByTestId('ndv');
	await expectVisible(addToWorkflow.or(ndv), `the details or the view of "${item}"`, 30_000);
	if (await addToWorkflow.isVisible()) await addToWorkflow.click();
	await expectVisible(ndv, `the view of the new "${item}" node`, 30_000);
}

/** "Add first step..." on an empty canvas. */
export async function addFirstNode(page: Page, search: string, item: string, action?: string): Promise<void> {
	await page.getByTestId('canvas-plus-button').click();
	await pickFromNodePanel(page, search, item, action);
}

/** The "+" at the free output of the last node in the chain. */
export async function addNodeAtEnd(page: Page, search: string, item: string, action?: string): Promise<void> {
	await page.getByTestId('canvas-handle-plus').last().click();
	await pickFromNodePanel(page, search, item, action);
}

export function canvasNode(page: Page, name: string): Locator {
	return page.getByTestId('canvas-node').filter({ hasText: name });
}

export async function openNode(page: Page, name: string): Promise<void> {
	await canvasNode(page, name).dblclick();
	await expectVisible(page.getByTestId('ndv'), `the view of "${name}"`, 30_000);
}

export async function closeNode(page: Page): Promise<void> {
	await page.getByTestId('ndv-close-button').click();
	await page.getByTestId('ndv').waitFor({ state: 'hidden' });
}

/** Fills a text parameter of the open node, e.g. `fileSelector`. */
export async function fillParameter(page: Page, name: string, value: string): Promise<void> {
	const input = page.getByTestId('ndv').getByTestId(`parameter-input-${name}`).locator('input, textarea').first();
	await input.fill(value);
	await input.blur();
}

/** Clicks "Execute workflow" and waits until every node in `nodes` shows success. */
export async function executeWorkflow(page: Page, nodes: string[], timeout = 120_000): Promise<void> {
	await page.getByTestId('execute-workflow-button').click();
	await waitForSuccess(page, nodes, timeout);
}

export async function waitForSuccess(page: Page, nodes: string[], timeout = 120_000): Promise<void> {
	for (const name of nodes) {
		await expectVisible(canvasNode(page, name).getByTestId('canvas-node-status-success'), `"${name}" run successfully`, timeout);
	}
}

/** The open node's output panel. */
export function outputPanel(page: Page): Locator {
	return page.getByTestId('output-panel');
}

/** The tab the output panel shows (Schema, Table, JSON, Binary), as its label reads. */
export async function outputTab(page: Page): Promise<string | null> {
	const checked = outputPanel(page).getByTestId('ndv-run-data-display-mode').getByRole('radio', { checked: true });
	await expectVisible(checked, 'the selected output tab');
	return await checked.getAttribute('aria-label');
}

/** The text of the output panel's data (the card fields, in whatever tab is shown). */
export async function outputText(page: Page): Promise<string> {
	const data = outputPanel(page).getByTestId('ndv-data-container');
	await expectVisible(data, 'the output data');
	return await data.innerText();
}

/** The workflow's "..." menu > Import > From file, choosing `file` in the file dialog. */
export async function importFromFile(page: Page, file: string): Promise<void> {
	await page.getByTestId('workflow-menu').click();
	await expectVisible(page.getByTestId('workflow-menu-item-import'), 'Import in the workflow menu');
	await page.getByTestId('workflow-menu-item-import').hover();
	const fromFile = page.getByTestId('workflow-menu-item-import-from-file');
	await expectVisible(fromFile, 'Import > From file');
	const [chooser] = await Promise.all([page.waitForEvent('filechooser'), fromFile.click()]);
	await chooser.setFiles(file);
}
