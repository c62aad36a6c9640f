/**
 * Which PDF and image tools from Debian are here (ImageMagick, img2pdf, Ghostscript, qpdf):
 * tests of files written by real tools run when the tool is installed and are skipped with a
 * note when it is not (.ci/run installs them when it can).
 */
import { spawnSync } from 'child_process';

function version(command: string, args: string[], pattern: RegExp): string | undefined {
	const run = spawnSync(command, args, { encoding: 'utf8' });
	return run.status === 0 && pattern.test(run.stdout) ? run.stdout.split('\n')[0] : undefined;
}

function note(tool: string, found: string | undefined, file: string): string | undefined {
	if (!found) console.info(`${file}: ${tool} is not installed here, so PDFs it writes are not checked.`);
	return found;
}

export const imageMagick = () => note('ImageMagick', version('convert', ['-version'], /^Version: ImageMagick/m), 'pdf tests');
export const img2pdf = () => note('img2pdf', version('img2pdf', ['--version'], /img2pdf/), 'pdf tests');
export const ghostscript = () => note('Ghostscript', version('gs', ['--version'], /^\d+\.\d+/), 'pdf tests');
export const qpdf = () => note('qpdf', version('qpdf', ['--version'], /^qpdf version/), 'pdf tests');
