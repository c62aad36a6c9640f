/**
 * The Debian tools some tests need (ImageMagick, img2pdf, Ghostscript, qpdf): a test of files
 * written or read by a real tool runs when the tool is here and is skipped when it is not. The
 * skipped block's title then names the Debian package that brings it back, in a form the skip
 * report of `npm test` reads (skippedTestsReporter.js), so a skipped test never goes unsaid.
 */
import { spawnSync } from 'child_process';

export interface DebianTool {
	name: string;
	/** The Debian package that installs it. */
	debianPackage: string;
	/** Its version line, or undefined when it is not installed here. */
	version(): string | undefined;
}

function versionOf(command: string, args: string[], pattern: RegExp): string | undefined {
	const run = spawnSync(command, args, { encoding: 'utf8' });
	return run.status === 0 && pattern.test(run.stdout) ? run.stdout.split('\n')[0] : undefined;
}

export const IMAGEMAGICK: DebianTool = { name: 'ImageMagick', debianPackage: 'imagemagick', version: () => versionOf('convert', ['-version'], /^Version: ImageMagick/m) };
/** ImageMagick's `identify` where Debian puts it. */
export const IDENTIFY: DebianTool = { name: 'ImageMagick (identify)', debianPackage: 'imagemagick', version: () => versionOf('/usr/bin/identify', ['-version'], /ImageMagick/) };
export const IMG2PDF: DebianTool = { name: 'img2pdf', debianPackage: 'img2pdf', version: () => versionOf('img2pdf', ['--version'], /img2pdf/) };
export const GHOSTSCRIPT: DebianTool = { name: 'Ghostscript', debianPackage: 'ghostscript', version: () => versionOf('gs', ['--version'], /^\d+\.\d+/) };
export const QPDF: DebianTool = { name: 'qpdf', debianPackage: 'qpdf', version: () => versionOf('qpdf', ['--version'], /^qpdf version/) };

/** The marker the skip report looks for: `[skipped: needs the Debian packages a, b]`. */
export function skipNote(packages: readonly string[]): string {
	return `[skipped: needs the Debian package${packages.length > 1 ? 's' : ''} ${packages.join(', ')}]`;
}

const found = new Map<DebianTool, boolean>();
function installed(tool: DebianTool): boolean {
	if (!found.has(tool)) found.set(tool, tool.version() !== undefined);
	return found.get(tool)!;
}

/**
 * `describe` when every tool is installed; otherwise `describe.skip`, its title followed by the
 * packages that are missing.
 */
export function describeWith(...tools: DebianTool[]): (title: string, body: () => void) => void {
	const missing = [...new Set(tools.filter((tool) => !installed(tool)).map((tool) => tool.debianPackage))];
	if (!missing.length) return (title, body) => describe(title, body);
	return (title, body) => describe.skip(`${title} ${skipNote(missing)}`, body);
}
