/**
 * n8n's community-package scanner (@n8n/scan-community-package) without the public registry.
 *
 * Its CLI only scans packages already published to registry.npmjs.org: it checks the npm
 * provenance attestation, downloads the attested source from GitHub, and lints that source and
 * the published tarball. The lint step is exported (`analyzePackage`), so this script runs it on
 * what those downloads would fetch: the source tree (with the scanner's SOURCE_FILE_PATTERNS) and
 * the unpacked `npm pack` tarball (compiled .js and package.json, as the scanner does). The
 * provenance and source-download checks need the public registry and GitHub and run only when
 * n8n scans a published version.
 *
 * A control package (our package.json with an `overrides` field, and a file that logs to the
 * console) must fail, so a scanner that silently checks nothing cannot pass.
 *
 * `npm run build` first. Prints one JSON line: {"source":{...},"tarball":{...},"control":{...}};
 * exits 1 unless source and tarball pass and the control fails.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { PROJECT_ROOT } from './n8nRuntime';
import { packProject } from './packPackage';

interface Analysis {
	passed: boolean;
	message?: string;
	details?: string;
}

interface Scanner {
	analyzePackage(dir: string, patterns?: string[]): Promise<Analysis>;
	SOURCE_FILE_PATTERNS: string[];
}

// The scanner is an ES module without type declarations.
const SCANNER_MODULE = '@n8n/scan-community-package/scanner/scanner.mjs';
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/** The rule names an analysis reported, from ESLint's "stylish" output. */
function rulesIn(analysis: Analysis): string[] {
	const rules = new Set<string>();
	for (const match of (analysis.details ?? '').matchAll(/\s(@?[\w-]+(?:\/[\w-]+)+|no-console)\s*$/gm)) rules.add(match[1]);
	return [...rules].sort();
}

function summary(analysis: Analysis) {
	return { passed: analysis.passed, message: analysis.message, rules: rulesIn(analysis) };
}

async function main(): Promise<void> {
	// eslint-plugin-n8n-nodes-base decides at load time whether it runs in its own tests
	// (NODE_ENV=test, as under jest) and then lints every file as a node file with fixture names.
	if (process.env.NODE_ENV === 'test') process.env.NODE_ENV = 'production';
	const scanner = (await import(SCANNER_MODULE)) as Scanner;
	const packed = packProject();
	const control = mkdtempSync(join(tmpdir(), 'n8n-scan-control-'));
	try {
		const source = await scanner.analyzePackage(PROJECT_ROOT, scanner.SOURCE_FILE_PATTERNS);
		const tarball = await scanner.analyzePackage(packed.dir, TARBALL_PATTERNS);

		cpSync(packed.dir, control, { recursive: true });
		const packageJson = JSON.parse(readFileSync(join(control, 'package.json'), 'utf8')) as Record<string, unknown>;
		writeFileSync(join(control, 'package.json'), JSON.stringify({ ...packageJson, overrides: { 'node-fetch': '2.7.0' } }, null, 2));
		writeFileSync(join(control, 'dist', 'debug.js'), "'use strict';\nconsole.log('card', process.env.SECRET);\n");
		const controlResult = await scanner.analyzePackage(control, TARBALL_PATTERNS);

		const result = { source: summary(source), tarball: summary(tarball), control: summary(controlResult) };
		process.stdout.write(`${JSON.stringify(result)}\n`);
		for (const [name, analysis] of [
			['source tree', source],
			['npm pack tarball', tarball],
		] as const) {
			if (!analysis.passed) process.stderr.write(`n8n's scanner rejects the ${name}: ${analysis.message}\n${analysis.details ?? ''}\n`);
		}
		if (controlResult.passed) process.stderr.write("the control package passed n8n's scanner: the scanner checked nothing\n");
		process.exitCode = source.passed && tarball.passed && !controlResult.passed ? 0 : 1;
	} finally {
		rmSync(control, { recursive: true, force: true });
		rmSync(join(packed.dir, '..'), { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
	process.exitCode = 1;
});
