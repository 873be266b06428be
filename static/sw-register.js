// Registers the service worker (app shell + offline page). Kept tiny and external so the CSP needs no inline script.
if ('serviceWorker' in navigator) {
	window.addEventListener('load', function () {
		navigator.serviceWorker.register('/service-worker.js', { scope: '/' }).catch(function () {});
	});
}
