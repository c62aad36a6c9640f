/**
 * Must be the first import of the harness: n8n-core reads `N8N_USER_FOLDER` when its
 * InstanceSettings are built (first `Container.get`), and writes `<folder>/.n8n/config`
 * (encryption key) plus binary data below it. Pointing it at a fresh temp dir keeps tests off
 * the developer's real `~/.n8n` and makes every test file start from an empty instance.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const userFolder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));
process.env.N8N_USER_FOLDER = userFolder;

// Jest exposes `afterAll` as a global while a test file is collected, which is when this
// module is imported; outside Jest (e.g. a script) the temp dir is simply left behind.
if (typeof afterAll === 'function') {
	afterAll(() => rmSync(userFolder, { recursive: true, force: true }));
}
