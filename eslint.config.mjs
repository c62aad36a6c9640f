import tseslint from 'typescript-eslint';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const legacy = n8nNodesBase.configs;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.n8n-dev/**', 'e2e-output/**'] },

	// What n8n Cloud and the community-package scanner check: the shipped code and package.json.
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
		...n8nCommunityNodesPlugin.configs.recommended,
		plugins: {
			...n8nCommunityNodesPlugin.configs.recommended.plugins,
			'n8n-nodes-base': n8nNodesBase,
		},
		rules: {
			...n8nCommunityNodesPlugin.configs.recommended.rules,
			...legacy.nodes.rules,
			...legacy.credentials.rules,
			// Three legacy rules contradict the official community-node plugin, which supersedes
			// them: it requires NodeConnectionTypes.Main where the legacy rules demand the string
			// 'main', and a full documentation URL where the legacy rule (documented as "only
			// applicable to nodes in the main repository") demands an n8n docs slug.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['package.json'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
		plugins: {
			...n8nCommunityNodesPlugin.configs.recommended.plugins,
			'n8n-nodes-base': n8nNodesBase,
		},
		rules: {
			...n8nCommunityNodesPlugin.configs.recommended.rules,
			...legacy.community.rules,
		},
	},

	// Tests and scripts run on the developer's machine, not in n8n: they need timers, process,
	// nock and n8n-core, which the Cloud rules forbid. Only TypeScript sanity applies here.
	{
		files: ['test/**/*.ts', 'scripts/**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
		},
	},
];
