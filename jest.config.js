/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	// test/e2e runs a real n8n and has its own config (jest.e2e.config.js, npm run test:e2e);
	// test/package needs a build (jest.package.config.js, npm run test:package).
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/package/'],
	testMatch: ['**/*.test.ts'],
	// The engine harness boots n8n-core once per file; two workers match the 2-core machines.
	maxWorkers: 2,
	testTimeout: 30000,
	// After Jest's own report: which tests were skipped, and which Debian package brings them back.
	reporters: ['default', '<rootDir>/test/helpers/skippedTestsReporter.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
};
