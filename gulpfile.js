const path = require('path');
const { src, dest, task } = require('gulp');

// tsc only emits JavaScript; n8n loads node and credential icons from files next to the
// compiled classes, so the SVGs are copied into the same layout under dist/.
function copyIcons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false })
		.pipe(dest(path.resolve('dist')));
}

task('build:icons', copyIcons);
