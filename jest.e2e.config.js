/**
 * End-to-end tests against a real n8n 2.x (installed on first use into .n8n-dev/, see
 * scripts/n8nRuntime.ts). One file at a time: each starts n8n processes of its own.
 * @type {import('jest').Config}
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	maxWorkers: 1,
	// The first run installs Node 24 and n8n (about 5 minutes); every CLI call starts n8n anew.
	testTimeout: 15 * 60 * 1000,
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
};
