/**
 * Debian packages the end-to-end suites run (Chromium, PostgreSQL, Redis...). `.ci/run` installs
 * them up front; this is the fallback for a machine that lacks one: as root (CI's fresh machines
 * are) it installs the package with apt-get, otherwise it says which command to run.
 */
import { execFileSync } from 'child_process';

let updated = false;

function log(message: string): void {
	process.stderr.write(`[debian] ${message}\n`);
}

/**
 * Returns at once when `present()` is true; otherwise installs `pkg` (apt-get update once per
 * process, then apt-get install -y) and checks `present()` again.
 */
export function ensureDebianPackage(pkg: string, present: () => boolean): void {
	if (present()) return;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(`Debian's ${pkg} package is missing and this process is not root: run \`sudo apt-get install -y ${pkg}\` first.`);
	}
	log(`installing Debian's ${pkg} package (apt-get install -y ${pkg}) ...`);
	const options = { stdio: 'inherit' as const, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 10 * 60 * 1000 };
	if (!updated) {
		execFileSync('apt-get', ['update'], options);
		updated = true;
	}
	execFileSync('apt-get', ['install', '-y', pkg], options);
	if (!present()) throw new Error(`apt-get installed ${pkg}, but it is still not usable`);
}
