/// <reference lib="webworker" />
// The service worker: caches the app shell and shows our offline page instead of the browser's error.
// Personal pages (/d/…) are never cached: they hold private data and must always be fresh.

type PrecacheEntry = { url: string; revision: string | null };
declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: PrecacheEntry[] };

const manifest = self.__WB_MANIFEST;
const OFFLINE_URL = '/offline';

function cacheName(entries: PrecacheEntry[]): string {
	let h = 5381;
	for (const c of JSON.stringify(entries)) h = ((h << 5) + h + c.charCodeAt(0)) | 0;
	return `coulant-shell-${(h >>> 0).toString(36)}`;
}

const CACHE = cacheName(manifest);
const shellUrls = new Set(manifest.map((e) => new URL(e.url, self.location.origin).pathname));
shellUrls.add(OFFLINE_URL);

self.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll([...shellUrls]))
			.then(() => self.skipWaiting())
	);
});

self.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k.startsWith('coulant-shell-') && k !== CACHE).map((k) => caches.delete(k))))
			.then(() => self.clients.claim())
	);
});

self.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== self.location.origin) return;

	if (request.mode === 'navigate') {
		event.respondWith(fetch(request).catch(async () => (await caches.match(OFFLINE_URL)) ?? Response.error()));
		return;
	}
	if (shellUrls.has(url.pathname)) {
		event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
	}
});
