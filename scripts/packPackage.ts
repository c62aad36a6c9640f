/**
 * `npm pack` of the project, as `npm publish` would upload it, unpacked next to the tarball:
 * what the pack-contents test, n8n's scanner and the install test look at. Needs `npm run build`
 * first (the package ships dist/).
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { PROJECT_ROOT } from './n8nRuntime';

export interface PackedPackage {
	/** The .tgz file. */
	tarball: string;
	/** The tarball unpacked (its `package/` folder). */
	dir: string;
	/** Paths inside the package, as npm lists them, sorted. */
	files: string[];
}

interface PackageJson {
	name: string;
	version: string;
	n8n: { nodes?: string[]; credentials?: string[] };
}

export function projectPackageJson(): PackageJson {
	return JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as PackageJson;
}

/** Every node and credential file package.json's n8n section names. */
export function n8nEntryPoints(packageJson: PackageJson = projectPackageJson()): string[] {
	return [...(packageJson.n8n.nodes ?? []), ...(packageJson.n8n.credentials ?? [])];
}

export function packProject(destination = mkdtempSync(join(tmpdir(), 'n8n-nodes-huawei-ocr-pack-'))): PackedPackage {
	const missing = n8nEntryPoints().filter((entry) => !existsSync(join(PROJECT_ROOT, entry)));
	if (missing.length) throw new Error(`${missing.join(', ')} missing: run \`npm run build\` first`);
	mkdirSync(destination, { recursive: true });
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
		cwd: PROJECT_ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const [packed] = JSON.parse(output) as Array<{ filename: string; files: Array<{ path: string }> }>;
	const tarball = join(destination, packed.filename);
	execFileSync('tar', ['-xzf', tarball, '-C', destination]);
	return { tarball, dir: join(destination, 'package'), files: packed.files.map((file) => file.path).sort() };
}
