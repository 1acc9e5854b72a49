import path from 'node:path';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// Every page carries its locale in the path (/en/…, /es/…), so a page's HTML never varies by cookie and
			// a shared link opens in the language it was shared in. A bare path picks the remembered or browser language.
			strategy: ['url', 'cookie', 'preferredLanguage', 'baseLocale'],
			urlPatterns: [
				{
					pattern: '/:path(.*)?',
					localized: [
						['es', '/es/:path(.*)?'],
						['en', '/en/:path(.*)?']
					]
				}
			],
			routeStrategies: [
				{ match: '/healthz', exclude: true },
				{ match: '/readyz', exclude: true }
			]
		})
	],
	resolve: {
		alias: [
			{
				find: /^@inlang\/paraglide-js\/urlpattern-polyfill$/,
				replacement: path.resolve('src/lib/urlpattern-on-demand.ts')
			}
		]
	},
	// PGlite loads its WASM relative to its own files; pre-bundling breaks that in dev (electric-sql/pglite#283).
	optimizeDeps: { exclude: ['@electric-sql/pglite'] },
	test: {
		expect: { requireAssertions: true },
		environment: 'node',
		// Browser and process-level tests under tests/e2e and tests/fault run in Playwright.
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
