/**
 * n8n's community-package scanner on the source tree and on the `npm pack` tarball, through
 * scripts/scanPackage.ts (the scanner is an ES module, which this CommonJS test runner cannot
 * import). A control package that breaks n8n's rules must fail, or the scanner checked nothing.
 */
import { execFile } from 'child_process';
import { join } from 'path';

import { PROJECT_ROOT } from '../../scripts/n8nRuntime';

interface Summary {
	passed: boolean;
	message?: string;
	rules: string[];
}

let result: { source: Summary; tarball: Summary; control: Summary };
let stderr: string;

beforeAll(async () => {
	const tsx = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
	const { stdout, errors } = await new Promise<{ stdout: string; errors: string }>((resolveRun) => {
		// Exit code 1 is a verdict, asserted below through the printed summary.
		execFile(tsx, [join(PROJECT_ROOT, 'scripts', 'scanPackage.ts')], { cwd: PROJECT_ROOT, encoding: 'utf8' }, (_error, out, err) =>
			resolveRun({ stdout: out, errors: err }),
		);
	});
	stderr = errors;
	const line = stdout.trim().split('\n').pop() ?? '';
	try {
		result = JSON.parse(line) as typeof result;
	} catch {
		throw new Error(`scripts/scanPackage.ts printed no summary:\n${stdout}\n${stderr}`);
	}
}, 180_000);

describe("n8n's community-package scanner (analyzePackage)", () => {
	test('passes the source tree (package.json, nodes/, credentials/)', () => {
		// On failure the scanner's report (stderr) shows in the diff.
		expect({ ...result.source, report: result.source.passed ? '' : stderr }).toEqual({ passed: true, rules: [], report: '' });
	});

	test('passes the unpacked npm pack tarball (compiled JavaScript and package.json)', () => {
		expect({ ...result.tarball, report: result.tarball.passed ? '' : stderr }).toEqual({ passed: true, rules: [], report: '' });
	});

	test('fails a control package with an overrides field, console output and process.env', () => {
		expect(result.control.passed).toBe(false);
		expect(result.control.rules).toEqual(
			expect.arrayContaining(['@n8n/community-nodes/no-overrides-field', '@n8n/community-nodes/no-restricted-globals', 'no-console']),
		);
	});
});
