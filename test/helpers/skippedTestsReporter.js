/**
 * A Jest reporter (https://jestjs.io/docs/configuration#reporters-arraymodulename--modulename-options)
 * that ends `npm test` with the tests it skipped and why: those a missing Debian tool skipped
 * (their block's title carries the note debianTools.ts writes) with the packages that bring them
 * back, and any other skipped test by name. Plain JavaScript: Jest loads reporters without
 * compiling them.
 */
const { relative } = require('path');

const NOTE = /\[skipped: needs the Debian packages? ([^\]]+)\]/;

class SkippedTestsReporter {
	constructor(globalConfig) {
		this.globalConfig = globalConfig;
	}

	onRunComplete(_contexts, results) {
		const byPackages = new Map();
		const other = [];
		for (const file of results.testResults) {
			const path = relative(this.globalConfig.rootDir, file.testFilePath);
			for (const test of file.testResults) {
				if (!['pending', 'skipped', 'todo'].includes(test.status)) continue;
				const titles = [...test.ancestorTitles, test.title];
				const note = titles.map((title) => NOTE.exec(title)).find(Boolean);
				if (note) {
					const packages = note[1];
					const counts = byPackages.get(packages) ?? new Map();
					counts.set(path, (counts.get(path) ?? 0) + 1);
					byPackages.set(packages, counts);
				} else {
					other.push(`${path}: ${titles.join(' > ')}`);
				}
			}
		}
		const lines = [];
		if (byPackages.size) {
			const all = new Set([...byPackages.keys()].flatMap((packages) => packages.split(', ')));
			let total = 0;
			for (const counts of byPackages.values()) for (const count of counts.values()) total += count;
			lines.push(`Skipped ${total} test${total === 1 ? '' : 's'}: the Debian tools they use are not installed here.`);
			for (const [packages, counts] of byPackages) {
				for (const [path, count] of counts) lines.push(`  ${String(count).padStart(3)} in ${path} (needs ${packages})`);
			}
			lines.push(`  To run them: sudo apt-get install ${[...all].sort().join(' ')}`);
		}
		// With -t, Jest skips every test whose name does not match: that is asked for, not news.
		if (other.length && !this.globalConfig.testNamePattern) {
			lines.push(`Skipped ${other.length} other test${other.length === 1 ? '' : 's'}:`, ...other.map((line) => `  ${line}`));
		}
		if (lines.length) process.stderr.write(`\n${lines.join('\n')}\n`);
	}
}

module.exports = SkippedTestsReporter;
