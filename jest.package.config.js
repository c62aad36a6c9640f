/**
 * The package as published (test/package): what `npm pack` ships, n8n's scanner on it, the release
 * workflows. Needs a build (`npm run test:package` does it), so `npm test` leaves these out.
 * @type {import('jest').Config}
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/package'],
	testMatch: ['**/*.test.ts'],
	maxWorkers: 1,
	testTimeout: 120000,
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
};
