// ESLint: the recommended rules of JavaScript, TypeScript and Svelte, type-aware where a mistake costs money or a
// message — a promise nobody awaits is work that silently never happens, or happens after the response.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'node_modules/',
			'test-results/',
			'playwright-report/',
			'bench-results/',
			'video/public/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.svelte'] }
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			// Svelte 5 runes and SvelteKit's own navigation are used deliberately; resolve() adds nothing for plain paths here.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		// Outside the app's TypeScript project (plain JavaScript, tool configs, scripts, the service worker with its
		// own lib): no type information to lint with.
		files: ['**/*.js', '**/*.mjs', '**/*.cjs', '*.config.ts', 'scripts/**/*.ts', 'src/service-worker.ts'],
		...ts.configs.disableTypeChecked
	}
);
