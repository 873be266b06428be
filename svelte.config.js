import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Components keep their own small stylesheets; inlined, a debtor page needs no request for its styles
		// (see README, "The debtor page's weight").
		inlineStyleThreshold: 4096,
		// The PWA plugin builds our own worker (src/service-worker.ts); SvelteKit must not register another.
		serviceWorker: { register: false },
		// Our own check in hooks.server.ts replaces SvelteKit's: no-referrer makes browsers send `Origin: null`.
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Brand colours arrive as inline custom properties; scripts stay strict.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'media-src': ['self'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'manifest-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'frame-ancestors': ['none'],
				// The pay button's form answers with a redirect to Mollie's hosted checkout.
				'form-action': ['self', 'https://www.mollie.com']
			}
		}
	}
};

export default config;
