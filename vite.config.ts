import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * Paraglide's compiled `plural()` makes a new Intl.PluralRules on every call: a few per debtor page view, ~3 % of its
 * CPU. This keeps one per locale and options. If paraglide changes that line, the build says so (and still works).
 */
function pluralRulesOnce(): Plugin {
	const line = 'return new Intl.PluralRules(locale, options).select(Number(input))';
	return {
		name: 'coulant:plural-rules-once',
		transform(code, id) {
			if (!id.replace(/\\/g, '/').endsWith('/paraglide/registry.js')) return;
			if (!code.includes(line)) {
				this.warn('paraglide registry.js: plural() changed, its PluralRules are no longer kept');
				return;
			}
			const cached =
				'const key = locale + JSON.stringify(options ?? {});\n' +
				'\tlet rules = pluralRules.get(key);\n' +
				'\tif (!rules) pluralRules.set(key, (rules = new Intl.PluralRules(locale, options)));\n' +
				'\treturn rules.select(Number(input))';
			return { code: `const pluralRules = new Map();\n${code.replace(line, cached)}`, map: null };
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The language lives in a cookie, not the URL: the link stays exactly what we sent.
			strategy: ['cookie', 'preferredLanguage', 'baseLocale']
		}),
		pluralRulesOnce(),
		sveltekit(),
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			base: '/',
			scope: '/',
			injectRegister: false,
			// The web manifest is a plain file in static/ (the plugin does not emit it with SvelteKit's build).
			manifest: false,
			injectManifest: {
				// What a debtor's phone needs: the offline page (its styles inline), icons and the small static scripts.
				// The console's bundles are not the debtor's business, so they are not stored on their phone.
				globPatterns: ['client/*.{js,ico,png,svg,webp,webmanifest}', 'client/icons/*.png', 'prerendered/**/*.html']
			}
		})
	],
	optimizeDeps: { exclude: ['@electric-sql/pglite'] },
	test: {
		// Two files at a time even on two cores: an integration file spends much of its time waiting on PostgreSQL, a
		// child process or the network, and Vitest's default (cores − 1) would run them one by one.
		maxWorkers: 2,
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.spec.ts', 'video/**/*.spec.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'postgres',
					include: ['tests/integration/**/*.test.ts'],
					globalSetup: ['tests/helpers/postgres-global-setup.ts'],
					env: { TEST_DB_KIND: 'postgres', MOLLIE_TIMEOUT_MS: '1000', ORIGIN: 'http://app.test' },
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'pglite',
					include: ['tests/integration/**/*.test.ts'],
					// Rendering a video does not depend on the database engine; it runs once, on PostgreSQL. The kill test
					// needs two processes on one database, which embedded PGlite cannot be.
					exclude: [
						'tests/integration/video.test.ts',
						'tests/integration/video-languages.test.ts',
						'tests/integration/outreach-kill.test.ts'
					],
					env: { TEST_DB_KIND: 'pglite', MOLLIE_TIMEOUT_MS: '1000', ORIGIN: 'http://app.test' },
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
