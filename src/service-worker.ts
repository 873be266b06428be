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

// Push from the installed app: a reminder the debtor asked for on this phone. The payload is what Coulant's push
// channel sends (server/push/channel.ts): a title, a line, the page to open. Anything else shows nothing.
type PushPayload = { title: string; body: string; url: string; tag?: string };

function payloadOf(data: PushMessageData | null): PushPayload | null {
	try {
		const p = data?.json() as Partial<PushPayload> | undefined;
		if (!p || typeof p.title !== 'string' || typeof p.body !== 'string' || typeof p.url !== 'string') return null;
		// Only our own pages open from a notification.
		const url = new URL(p.url, self.location.origin);
		if (url.origin !== self.location.origin) return null;
		return { title: p.title.slice(0, 120), body: p.body.slice(0, 400), url: url.href, tag: p.tag };
	} catch {
		return null;
	}
}

self.addEventListener('push', (event) => {
	const p = payloadOf(event.data);
	if (!p) return;
	event.waitUntil(
		self.registration.showNotification(p.title, {
			body: p.body,
			tag: p.tag,
			icon: '/icons/icon-192.png',
			badge: '/icons/icon-192.png',
			data: { url: p.url }
		})
	);
});

self.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = (event.notification.data as { url?: string } | null)?.url;
	if (!url || new URL(url).origin !== self.location.origin) return;
	event.waitUntil(
		self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
			// The page is open already (the app, or a tab): bring it forward and show it fresh.
			const open = windows.find((w) => new URL(w.url).pathname === new URL(url).pathname);
			if (open) {
				await open.focus();
				return;
			}
			await self.clients.openWindow(url);
		})
	);
});
