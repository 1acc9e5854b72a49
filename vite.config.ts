import path from 'node:path';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** Gives the browser src/lib/i18n/client-runtime.ts in place of Paraglide's generated runtime (why: in that file). */
function paraglideClientRuntime(): Plugin {
	const generated = path.resolve('src/lib/paraglide/runtime.js');
	const replacement = path.resolve('src/lib/i18n/client-runtime.ts');
	return {
		name: 'd101:paraglide-client-runtime',
		enforce: 'pre',
		async resolveId(source, importer, options) {
			if (options.ssr || !/runtime(\.js)?$/.test(source)) return null;
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			return resolved?.id === generated ? replacement : null;
		}
	};
}

/**
 * Puts the Svelte and SvelteKit runtimes in one browser chunk each instead of some twenty small ones: every page
 * needs nearly all of both, and each extra file costs its own gzip overhead and request (4 KB less on a lesson).
 */
function frameworkChunks(): Plugin {
	const manualChunks = (id: string) => {
		if (id.includes('/node_modules/svelte/')) return 'svelte';
		if (id.includes('/node_modules/@sveltejs/kit/') || id.includes('/node_modules/devalue/')) return 'kit';
	};
	return {
		name: 'd101:framework-chunks',
		config: (_config, { isSsrBuild }) => (isSsrBuild ? undefined : { build: { rollupOptions: { output: { manualChunks } } } })
	};
}

export default defineConfig({
	plugins: [
		paraglideClientRuntime(),
		frameworkChunks(),
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
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
