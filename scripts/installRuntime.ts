/**
 * Installs (or finds in the cache) the Node and n8n that the end-to-end suites run, and prints
 * where they are: `N8N_E2E_VERSION=1.123.81 tsx scripts/installRuntime.ts`. .ci/run calls it
 * before the suites so that its log shows what an install cost, apart from the tests.
 */
import { N8N_VERSION, ensureN8n, ensureRuntimeNode } from './n8nRuntime';

const started = Date.now();
const node = ensureRuntimeNode();
const n8n = ensureN8n(node);
process.stdout.write(`n8n ${N8N_VERSION}: ${n8n} on ${node} (ready in ${Math.round((Date.now() - started) / 1000)} s)\n`);
