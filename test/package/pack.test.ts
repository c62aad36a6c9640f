/**
 * What `npm publish` would upload, and nothing else: the files n8n loads (derived from
 * package.json's n8n section: each node and credential, the modules they require, the icons
 * their descriptions name, each node's codex file), package.json, README, LICENSE, CHANGELOG and
 * the `main` file. No tests, TypeScript sources, type declarations, source maps or dev folders.
 * `npm run test:package` builds first.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { dirname, join, normalize } from 'path';

import { PROJECT_ROOT } from '../../scripts/n8nRuntime';
import { n8nEntryPoints, packProject, projectPackageJson, type PackedPackage } from '../../scripts/packPackage';

let packed: PackedPackage;
const project = projectPackageJson() as ReturnType<typeof projectPackageJson> & { main: string };

beforeAll(() => {
	packed = packProject();
	// The compiled node requires n8n-workflow, which n8n provides at run time.
	mkdirSync(join(packed.dir, 'node_modules'));
	symlinkSync(join(PROJECT_ROOT, 'node_modules', 'n8n-workflow'), join(packed.dir, 'node_modules', 'n8n-workflow'), 'dir');
});

afterAll(() => {
	if (packed) rmSync(dirname(packed.dir), { recursive: true, force: true });
});

/** Relative requires of one compiled file, as package paths. */
function relativeRequires(file: string): string[] {
	const code = readFileSync(join(packed.dir, file), 'utf8');
	return [...code.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)].map(([, target]) => {
		const path = normalize(join(dirname(file), target));
		for (const candidate of [path, `${path}.js`, join(path, 'index.js')]) {
			if (existsSync(join(packed.dir, candidate)) && !candidate.endsWith('/')) return candidate;
		}
		throw new Error(`${file} requires ${target}, which the package does not contain`);
	});
}

/** The entry points and every module they reach through relative requires. */
function requireClosure(entries: string[]): Set<string> {
	const reached = new Set<string>();
	const queue = [...entries];
	while (queue.length) {
		const file = queue.pop()!;
		if (reached.has(file)) continue;
		reached.add(file);
		if (file.endsWith('.js')) queue.push(...relativeRequires(file));
	}
	return reached;
}

type Icon = string | { light: string; dark: string } | undefined;

/** The icon files a node's or credential's description names (`file:x.svg`, next to the class). */
function iconFiles(entry: string): string[] {
	const exports = require(join(packed.dir, entry)) as Record<string, new () => Record<string, unknown>>;
	const icons: string[] = [];
	for (const Type of Object.values(exports)) {
		if (typeof Type !== 'function') continue;
		const instance = new Type();
		const description = instance.description as { icon?: Icon } | undefined;
		const icon = (description?.icon ?? instance.icon) as Icon;
		const paths = typeof icon === 'string' ? [icon] : icon ? [icon.light, icon.dark] : [];
		for (const path of paths) {
			expect({ entry, icon: path }).toEqual({ entry, icon: expect.stringMatching(/^file:/) });
			icons.push(normalize(join(dirname(entry), path.slice('file:'.length))));
		}
	}
	return icons;
}

describe('npm pack', () => {
	test('ships exactly what n8n loads plus package.json, README, LICENSE, CHANGELOG and the main file', () => {
		const entries = n8nEntryPoints();
		expect(entries.length).toBeGreaterThanOrEqual(2);
		const nodes = project.n8n.nodes ?? [];
		const expected = new Set<string>([
			'package.json',
			'README.md',
			'LICENSE',
			'CHANGELOG.md',
			normalize(project.main),
			...requireClosure(entries),
			...entries.flatMap(iconFiles),
			// n8n reads categories, aliases and documentation links from X.node.json beside X.node.js.
			...nodes.map((node) => node.replace(/\.js$/, '.json')),
		]);
		expect(packed.files).toEqual([...expected].sort());
	});

	test('every node and credential has its own icon files, light and dark', () => {
		for (const entry of n8nEntryPoints()) {
			const icons = iconFiles(entry);
			expect({ entry, count: icons.length }).toEqual({ entry, count: 2 });
			for (const icon of icons) {
				expect(packed.files).toContain(icon);
				expect(readFileSync(join(packed.dir, icon), 'utf8')).toMatch(/<svg[\s>]/);
			}
		}
	});

	test('no tests, TypeScript sources, declarations, source maps or development folders', () => {
		const unwanted = packed.files.filter((file) =>
			/(^|\/)(test|tests|__tests__|coverage|node_modules|\.n8n-dev|e2e-output|tools|scripts|\.github)\/|\.ts$|\.map$|\.tgz$|(^|\/)\.[^/]+$/.test(file),
		);
		expect(unwanted).toEqual([]);
	});

	test('the shipped package.json: no runtime dependencies, overrides or install scripts; n8n-workflow as the only peer', () => {
		const shipped = JSON.parse(readFileSync(join(packed.dir, 'package.json'), 'utf8')) as Record<string, any>;
		expect(shipped.name).toBe('n8n-nodes-huawei-ocr');
		expect(shipped.version).toBe(project.version);
		expect(shipped.dependencies ?? {}).toEqual({});
		expect(shipped.overrides).toBeUndefined();
		expect(shipped.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare', 'prepublish', 'preprepare', 'postprepare'];
		expect(Object.keys(shipped.scripts ?? {}).filter((name) => lifecycle.includes(name))).toEqual([]);
		expect(shipped.license).toBe('MIT');
		expect(shipped.keywords).toContain('n8n-community-node-package');
		expect(shipped.n8n).toEqual(project.n8n);
	});

	test('the compiled node and credential load from the unpacked tarball', () => {
		for (const entry of n8nEntryPoints()) {
			const exports = require(join(packed.dir, entry)) as Record<string, unknown>;
			const classes = Object.values(exports).filter((value) => typeof value === 'function');
			expect({ entry, classes: classes.length }).toEqual({ entry, classes: 1 });
			expect(entry).toMatch(/^dist\//);
		}
	});
});
