const path = require('path');
const { src, dest, task } = require('gulp');

// tsc only emits JavaScript; n8n loads icons and the codex file (X.node.json: categories,
// aliases, docs links) from beside the compiled classes, so they are copied into dist/ too.
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	})
		.pipe(dest(path.resolve('dist')));
}

task('build:icons', copyIcons);
