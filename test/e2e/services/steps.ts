/**
 * Browser suites whose tests build on each other (one page, one n8n): once a step fails, the
 * later ones fail at once with a pointer to it instead of each waiting for its own timeout, and
 * the failing page is kept (a screenshot and its HTML beside the other screenshots).
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import type { Page } from 'playwright-core';

import type { Screenshots } from '../browser';

export function sequentialSteps(shots: Screenshots, page: () => Page | undefined, defaultTimeout = 120_000) {
	let failedStep: string | undefined;

	async function saveFailure(name: string): Promise<void> {
		const current = page();
		if (!current) return;
		try {
			const slug = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80);
			await shots.take(current, `FAILED-${slug}`);
			const html = join(shots.folder, `FAILED-${slug}.html`);
			writeFileSync(html, await current.content());
			console.log(`page HTML at failure: ${html}`);
		} catch {
			// the browser itself may be gone
		}
	}

	return function step(name: string, body: () => Promise<void>, timeout = defaultTimeout): void {
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
	};
}
