/**
 * The end of `npm test`'s report: tests a missing Debian tool skipped, with the package to
 * install, and other skipped tests by name (skippedTestsReporter.js, debianTools.ts).
 */
import { skipNote } from './debianTools';

const Reporter = require('./skippedTestsReporter.js') as new (config: { rootDir: string; testNamePattern?: string }) => {
	onRunComplete(contexts: unknown, results: unknown): void;
};

type Status = 'passed' | 'pending' | 'failed';
const file = (path: string, tests: Array<[string[], string, Status]>) => ({
	testFilePath: `/repo/${path}`,
	testResults: tests.map(([ancestorTitles, title, status]) => ({ ancestorTitles, title, status })),
});

function report(results: ReturnType<typeof file>[], testNamePattern?: string): string {
	const written: string[] = [];
	const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
		written.push(String(chunk));
		return true;
	});
	try {
		new Reporter({ rootDir: '/repo', testNamePattern }).onRunComplete(new Set(), { testResults: results });
	} finally {
		spy.mockRestore();
	}
	return written.join('');
}

describe('the skipped-tests report of npm test', () => {
	const results = [
		file('test/a.test.ts', [
			[[`img2pdf ${skipNote(['imagemagick', 'img2pdf'])}`], 'keeps the JPEG', 'pending'],
			[[`img2pdf ${skipNote(['imagemagick', 'img2pdf'])}`, 'inner'], 'keeps the PNG', 'pending'],
			[['other'], 'runs', 'passed'],
		]),
		file('test/b.test.ts', [
			[[`qpdf ${skipNote(['qpdf'])}`], 'linearized', 'pending'],
			[['flaky'], 'left out by hand', 'pending'],
		]),
	];

	it('counts what each missing package skipped, per file, and says what to install', () => {
		const text = report(results);
		expect(text).toContain('Skipped 3 tests: the Debian tools they use are not installed here.');
		expect(text).toContain('    2 in test/a.test.ts (needs imagemagick, img2pdf)');
		expect(text).toContain('    1 in test/b.test.ts (needs qpdf)');
		expect(text).toContain('  To run them: sudo apt-get install imagemagick img2pdf qpdf');
		expect(text).toContain('Skipped 1 other test:\n  test/b.test.ts: flaky > left out by hand');
	});

	it('says nothing when nothing was skipped, and leaves out what -t filtered away', () => {
		expect(report([file('test/a.test.ts', [[['x'], 'runs', 'passed']])])).toBe('');
		expect(report(results, 'runs')).not.toContain('other test');
		expect(skipNote(['qpdf'])).toBe('[skipped: needs the Debian package qpdf]');
	});
});
